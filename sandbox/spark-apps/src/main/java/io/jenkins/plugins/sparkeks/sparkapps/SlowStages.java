package io.jenkins.plugins.sparkeks.sparkapps;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * A long multi-stage application for progress and kill tests: {@code jobs} jobs (default 3), each a map stage
 * and a reduce stage over 4 partitions, every task sleeping {@code taskMillis} (default 500).
 */
public final class SlowStages {

    private static final int PARTITIONS = 4;

    private SlowStages() {}

    public static void main(String[] args) throws InterruptedException {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long taskMillis = args.length > 1 ? Long.parseLong(args[1]) : 500;
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setIfMissing("spark.app.name", "Slow stages"));
        try {
            List<Integer> values = new ArrayList<>();
            for (int i = 0; i < PARTITIONS * 4; i++) {
                values.add(i);
            }
            for (int job = 1; job <= jobs; job++) {
                sc.setJobDescription("slow job " + job + " of " + jobs);
                long sum = sc.parallelize(values, PARTITIONS)
                        .mapPartitionsToPair(rows -> {
                            Thread.sleep(taskMillis);
                            List<Tuple2<Integer, Integer>> out = new ArrayList<>();
                            rows.forEachRemaining(v -> out.add(new Tuple2<>(v % PARTITIONS, v)));
                            return out.iterator();
                        })
                        .reduceByKey(Integer::sum, PARTITIONS)
                        .mapPartitions(sums -> {
                            Thread.sleep(taskMillis);
                            return sums;
                        })
                        .map(Tuple2::_2)
                        .reduce(Integer::sum);
                System.out.println("job " + job + " of " + jobs + " summed " + sum);
            }
        } finally {
            sc.stop();
        }
    }
}
