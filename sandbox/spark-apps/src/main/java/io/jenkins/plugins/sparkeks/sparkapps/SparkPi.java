package io.jenkins.plugins.sparkeks.sparkapps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Estimates Pi like Spark's SparkPi example, with one argument (the number of slices, default 2), but in two
 * stages: the darts are counted per slice, then shuffled to a few buckets and summed, so the application shows
 * more than one stage in its UI.
 */
public final class SparkPi {

    private static final int DARTS_PER_SLICE = 100_000;
    private static final int BUCKETS = 2;

    private SparkPi() {}

    public static void main(String[] args) {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("Spark Pi"));
        try {
            List<Integer> sliceIds = new ArrayList<>();
            for (int i = 0; i < slices; i++) {
                sliceIds.add(i);
            }
            long inside = sc.parallelize(sliceIds, slices)
                    .mapToPair(slice -> new Tuple2<>(slice % BUCKETS, hits(DARTS_PER_SLICE)))
                    .reduceByKey(Long::sum, BUCKETS)
                    .values()
                    .reduce(Long::sum);
            System.out.println("Pi is roughly " + 4.0 * inside / ((long) slices * DARTS_PER_SLICE));
        } finally {
            sc.stop();
        }
    }

    private static long hits(int darts) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long hits = 0;
        for (int i = 0; i < darts; i++) {
            double x = random.nextDouble(-1, 1);
            double y = random.nextDouble(-1, 1);
            if (x * x + y * y <= 1) {
                hits++;
            }
        }
        return hits;
    }
}
