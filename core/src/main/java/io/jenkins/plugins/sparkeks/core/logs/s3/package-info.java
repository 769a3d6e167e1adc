/** Driver logs from the gzip objects EMR uploads under the S3 log URI, read once a job has ended. */
package io.jenkins.plugins.sparkeks.core.logs.s3;
