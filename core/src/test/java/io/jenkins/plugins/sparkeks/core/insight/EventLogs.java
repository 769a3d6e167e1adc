package io.jenkins.plugins.sparkeks.core.insight;

/** Event log lines as Spark's JsonProtocol writes them (only the fields insight reads, plus a few others). */
final class EventLogs {

    private EventLogs() {}

    static String twoJobsSecondFails() {
        return String.join("\n",
                "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.6\"}",
                "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"late\",\"App ID\":\"" + FakeSparkUi.APP_ID
                        + "\",\"Timestamp\":1764885600000,\"User\":\"spark\"}",
                "{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":1764885601000,\"Executor ID\":\"1\","
                        + "\"Executor Info\":{\"Host\":\"10.0.0.7\",\"Total Cores\":2}}",
                "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":0,\"Submission Time\":1764885602000,\"Stage Infos\":"
                        + "[{\"Stage ID\":0,\"Stage Attempt ID\":0,\"Stage Name\":\"count at Late.scala:5\",\"Number of Tasks\":2}],"
                        + "\"Stage IDs\":[0],\"Properties\":{\"spark.rdd.scope\":\"{}\"}}",
                "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":{\"Stage ID\":0,\"Stage Attempt ID\":0,"
                        + "\"Stage Name\":\"count at Late.scala:5\",\"Number of Tasks\":2}}",
                "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Stage Attempt ID\":0,\"Task Type\":\"ResultTask\","
                        + "\"Task End Reason\":{\"Reason\":\"Success\"}}",
                "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Stage Attempt ID\":0,\"Task Type\":\"ResultTask\","
                        + "\"Task End Reason\":{\"Reason\":\"Success\"}}",
                "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":{\"Stage ID\":0,\"Stage Attempt ID\":0,"
                        + "\"Stage Name\":\"count at Late.scala:5\",\"Number of Tasks\":2,\"Completion Time\":1764885603000}}",
                "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":0,\"Completion Time\":1764885603000,"
                        + "\"Job Result\":{\"Result\":\"JobSucceeded\"}}",
                "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":1,\"Submission Time\":1764885604000,\"Stage Infos\":"
                        + "[{\"Stage ID\":1,\"Stage Attempt ID\":0,\"Stage Name\":\"save at Late.scala:9\",\"Number of Tasks\":1}],"
                        + "\"Stage IDs\":[1],\"Properties\":{\"spark.job.description\":\"final write\"}}",
                "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":{\"Stage ID\":1,\"Stage Attempt ID\":0,"
                        + "\"Stage Name\":\"save at Late.scala:9\",\"Number of Tasks\":1}}",
                "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":1,\"Stage Attempt ID\":0,\"Task Type\":\"ResultTask\","
                        + "\"Task End Reason\":{\"Reason\":\"ExceptionFailure\",\"Class Name\":\"java.io.IOException\","
                        + "\"Description\":\"disk full\"}}",
                "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":{\"Stage ID\":1,\"Stage Attempt ID\":0,"
                        + "\"Stage Name\":\"save at Late.scala:9\",\"Number of Tasks\":1,\"Failure Reason\":"
                        + "\"Job aborted due to stage failure: Task 0 in stage 1.0 failed 1 times: java.io.IOException: disk full\\n"
                        + "\\tat Late.save(Late.scala:9)\"}}",
                "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":1,\"Completion Time\":1764885605000,\"Job Result\":"
                        + "{\"Result\":\"JobFailed\",\"Exception\":{\"Message\":\"Job aborted due to stage failure: disk full\","
                        + "\"Stack Trace\":[]}}}",
                "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":1764885606000}",
                "");
    }
}
