package org.sqlflow.jdbc.http;

/** A server's answer: its status, body, and whether the socket may carry another request. */
record HttpAnswer(int status, String reason, byte[] body, boolean keepAlive) {
  private static final int OK = 200;
  private static final int SERVER_ERROR = 500;
  private static final int UNAUTHORIZED = 401;

  /**
   * The body for Avatica: a response (200) or an error response it decodes (500). Other statuses
   * carry no Avatica message and fail the request.
   */
  byte[] avaticaBody() {
    if (status == OK || status == SERVER_ERROR) {
      return body;
    }
    String what = "the SQLFlow server answered HTTP " + status + " " + reason;
    throw new IllegalStateException(
        status == UNAUTHORIZED ? what + ": it wants a user and password" : what);
  }
}
