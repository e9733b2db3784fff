package org.sqlflow.server.protocol;

import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Responses;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.ResponseMessages;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's protobuf translation, except for frames of packed rows ({@link PackedFrame}). Avatica
 * writes every value twice (as the scalar and again in a deprecated list), so a packed frame of
 * half a megabyte would be encoded, sent and decoded twice; here it goes out once, as one bytes
 * value of type BYTE_STRING, which Avatica's client reads as a byte array. Such a result leaves out
 * a signature its client already holds ({@link AnnouncedSignature}). The rest of each response is
 * Avatica's own.
 */
final class PackedFrameTranslation extends ProtobufTranslationImpl {

  @Override
  public byte[] serializeResponse(Service.Response response) throws IOException {
    if (response instanceof Service.FetchResponse fetch) {
      byte[] packed = PackedFrame.packedRowsOf(fetch.frame);
      if (packed != null) {
        Responses.FetchResponse.Builder message =
            ((Responses.FetchResponse)
                    ResponseMessages.of(
                        new Service.FetchResponse(
                            withoutRows(fetch.frame),
                            fetch.missingStatement,
                            fetch.missingResults,
                            fetch.rpcMetadata)))
                .toBuilder();
        return wrapped(message.setFrame(frame(fetch.frame, packed)).build());
      }
    }
    if (response instanceof Service.ExecuteResponse execute) {
      List<Service.ResultSetResponse> results = new ArrayList<>();
      boolean anyPacked = false;
      for (Service.ResultSetResponse result : execute.results) {
        boolean packed = PackedFrame.packedRowsOf(result.firstFrame) != null;
        anyPacked |= packed;
        results.add(
            packed
                ? new Service.ResultSetResponse(
                    result.connectionId,
                    result.statementId,
                    result.ownStatement,
                    AnnouncedSignature.toWrite(result.signature),
                    withoutRows(result.firstFrame),
                    result.updateCount,
                    result.rpcMetadata)
                : result);
      }
      if (anyPacked) {
        Responses.ExecuteResponse.Builder message =
            ((Responses.ExecuteResponse)
                    ResponseMessages.of(
                        new Service.ExecuteResponse(
                            results, execute.missingStatement, execute.rpcMetadata)))
                .toBuilder();
        for (int i = 0; i < execute.results.size(); i++) {
          Meta.Frame first = execute.results.get(i).firstFrame;
          byte[] packed = PackedFrame.packedRowsOf(first);
          if (packed != null) {
            message.getResultsBuilder(i).setFirstFrame(frame(first, packed));
          }
        }
        return wrapped(message.build());
      }
    }
    return super.serializeResponse(response);
  }

  private static Meta.Frame withoutRows(Meta.Frame frame) {
    return new Meta.Frame(frame.offset, frame.done, List.of());
  }

  /** The frame as Avatica writes it, with its one value written once. */
  private static Common.Frame frame(Meta.Frame frame, byte[] packed) {
    Common.TypedValue value =
        Common.TypedValue.newBuilder()
            .setType(Common.Rep.BYTE_STRING)
            .setBytesValue(UnsafeByteOperations.unsafeWrap(packed))
            .build();
    return Common.Frame.newBuilder()
        .setOffset(frame.offset)
        .setDone(frame.done)
        .addRows(
            Common.Row.newBuilder()
                .addValue(
                    Common.ColumnValue.newBuilder().setHasArrayValue(false).setScalarValue(value)))
        .build();
  }

  /** The envelope Avatica's translation puts around every message: its class name, then it. */
  private static byte[] wrapped(Message message) {
    return Common.WireMessage.newBuilder()
        .setName(message.getClass().getName())
        .setWrappedMessage(message.toByteString())
        .build()
        .toByteArray();
  }
}
