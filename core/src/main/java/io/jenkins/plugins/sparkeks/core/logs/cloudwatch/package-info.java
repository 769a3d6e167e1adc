/**
 * Driver logs from CloudWatch Logs without a loop per job: {@link
 * io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchDriverLog} discovers a job's driver streams and
 * reads them from their forward tokens, one step at a time; {@link
 * io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchLogPoller} steps every follower of a log group from
 * one scheduled task; {@link io.jenkins.plugins.sparkeks.core.logs.cloudwatch.CloudWatchRateLimiter} is the read
 * budget of one account and region, shared by all of them.
 */
package io.jenkins.plugins.sparkeks.core.logs.cloudwatch;
