package io.jenkins.plugins.sparkeks.emulator.wire;

import io.jenkins.plugins.sparkeks.emulator.Operation;

/** One AWS service: how to tell which operation a request is, and how to answer it. */
public interface ServiceHandler {
    Protocol protocol();

    /** Throws an {@link AwsError} naming what is wrong when the request is no operation this service knows. */
    Operation operationOf(AwsRequest request);

    /** Answers the request; business errors are thrown as {@link AwsError}. Called with the model lock held. */
    AwsResponse handle(Operation operation, AwsRequest request);
}
