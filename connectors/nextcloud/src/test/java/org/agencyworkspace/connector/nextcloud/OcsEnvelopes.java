package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.testsupport.CannedHttpServer.Answer;

/**
 * OCS answers shaped as Nextcloud's {@code V1Response} and {@code V2Response} render them with
 * {@code format=json}: v1 always HTTP 200 (401 for bad credentials) with {@code statuscode} 100
 * on success and {@code totalitems}/{@code itemsperpage} as empty strings; v2 with the real HTTP
 * status and {@code statuscode} 200 on success. Failures carry {@code "data":[]}, PHP's empty
 * array.
 */
final class OcsEnvelopes {

    private OcsEnvelopes() {
    }

    static Answer v2Ok(String data) {
        return Answer.json(200, "{\"ocs\":{\"meta\":{\"status\":\"ok\",\"statuscode\":200,"
                + "\"message\":\"OK\"},\"data\":" + data + "}}");
    }

    /** A v2 refusal: 400 for provisioning codes below 200, 404 for 998, 401 for 997. */
    static Answer v2Failure(int httpStatus, int statusCode, String message) {
        return Answer.json(httpStatus, "{\"ocs\":{\"meta\":{\"status\":\"failure\",\"statuscode\":"
                + statusCode + ",\"message\":\"" + message + "\"},\"data\":[]}}");
    }

    static Answer v1Ok(String data) {
        return Answer.json(200, "{\"ocs\":{\"meta\":{\"status\":\"ok\",\"statuscode\":100,"
                + "\"message\":\"OK\",\"totalitems\":\"\",\"itemsperpage\":\"\"},\"data\":"
                + data + "}}");
    }

    /** A v1 refusal: HTTP 200 whatever the code, except 401 for 997. */
    static Answer v1Failure(int statusCode, String message) {
        return Answer.json(statusCode == 997 ? 401 : 200, "{\"ocs\":{\"meta\":{\"status\":"
                + "\"failure\",\"statuscode\":" + statusCode + ",\"message\":\"" + message
                + "\",\"totalitems\":\"\",\"itemsperpage\":\"\"},\"data\":[]}}");
    }
}
