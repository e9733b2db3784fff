package org.sqlflow.server.protocol;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.sqlflow.wire.PackedExecute;

/**
 * Answers a {@link PackedExecute} request: the execute goes through the same service as Avatica's
 * (every session check included); a result that fits in one packed frame and keeps the columns its
 * prepare announced goes back as a {@link PackedExecute.Answer}, anything else (an update count,
 * new columns, an error) as Avatica's protobuf answer to the same execute.
 */
final class PackedExecuteHandler {
  private final Service service;
  private final ProtobufHandler errors;
  private final ProtobufTranslation translation;

  /**
   * @param errors writes a failure as Avatica's handler does, error response and status
   */
  PackedExecuteHandler(Service service, ProtobufHandler errors, ProtobufTranslation translation) {
    this.service = requireNonNull(service, "service");
    this.errors = requireNonNull(errors, "errors");
    this.translation = requireNonNull(translation, "translation");
  }

  HandlerResponse<byte[]> apply(byte[] body) {
    Service.ExecuteRequest request;
    try {
      request = executeOf(PackedExecute.readRequest(body));
    } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
      return errors.badRequestErrorResponse(e);
    }
    try {
      Service.ExecuteResponse response = service.apply(request);
      byte[] packed = packedAnswer(response);
      return new HandlerResponse<>(
          packed != null ? packed : translation.serializeResponse(response), 200);
    } catch (Exception e) {
      return errors.convertToErrorResponse(e);
    }
  }

  private static Service.ExecuteRequest executeOf(PackedExecute.Request request)
      throws InvalidProtocolBufferException {
    List<TypedValue> parameters = new ArrayList<>(request.parameters().size());
    for (byte[] parameter : request.parameters()) {
      parameters.add(
          parameter == null ? null : TypedValue.fromProto(Common.TypedValue.parseFrom(parameter)));
    }
    return new Service.ExecuteRequest(
        new Meta.StatementHandle(request.connectionId(), request.statementId(), null),
        parameters,
        request.maxRowsInFirstFrame());
  }

  /** The answer in packed bytes, or null when it needs Avatica's. */
  private static byte[] packedAnswer(Service.ExecuteResponse response) {
    if (response.missingStatement || response.results.size() != 1) {
      return null;
    }
    Service.ResultSetResponse result = response.results.get(0);
    byte[] rows = PackedFrame.packedRowsOf(result.firstFrame);
    if (result.updateCount != -1
        || !AnnouncedSignature.isAnnounced(result.signature)
        || rows == null
        || result.firstFrame.offset != 0) {
      return null;
    }
    return PackedExecute.write(
        new PackedExecute.Answer(
            result.statementId, result.ownStatement, result.firstFrame.done, rows));
  }
}
