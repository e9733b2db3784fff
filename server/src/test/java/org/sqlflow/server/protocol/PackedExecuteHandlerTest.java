package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;
import org.sqlflow.wire.PackedExecute;
import org.sqlflow.wire.PackedRows;

/** What a packed execute request reaches the service as, and which answers go back packed. */
class PackedExecuteHandlerTest {
  private final List<Service.ExecuteRequest> received = new ArrayList<>();
  private final Meta.Signature announced =
      PackedFrameTranslationTest.signature("SELECT id FROM t WHERE id = ?");

  @Test
  void aOneFramePackedResultWithTheAnnouncedColumnsGoesBackPacked() throws Exception {
    byte[] rows = rows(3);
    HandlerResponse<byte[]> answer =
        handler(r -> executed(AnnouncedSignature.of(announced, announced), rows, true))
            .apply(request(TypedValue.ofLocal(ColumnMetaData.Rep.INTEGER, 5)));

    assertEquals(200, answer.getStatusCode());
    PackedExecute.Answer packed = PackedExecute.readAnswer(answer.getResponse());
    assertArrayEquals(rows, packed.rows());
    assertTrue(packed.done());
    assertEquals(9, packed.statementId());
    Service.ExecuteRequest seen = received.get(0);
    assertEquals("c", seen.statementHandle.connectionId);
    assertEquals(9, seen.statementHandle.id);
    assertEquals(5, seen.parameterValues.get(0).toLocal());
  }

  @Test
  void newColumnsCountsAndErrorsGoBackAsAvaticasAnswers() throws Exception {
    ProtobufTranslationImpl avatica = new ProtobufTranslationImpl();
    HandlerResponse<byte[]> changed =
        handler(r -> executed(announced, rows(1), true)).apply(request());
    assertFalse(PackedExecute.isPacked(changed.getResponse()));
    Service.ExecuteResponse read =
        (Service.ExecuteResponse) avatica.parseResponse(changed.getResponse());
    assertEquals(announced.sql, read.results.get(0).signature.sql);

    HandlerResponse<byte[]> count =
        handler(
                r ->
                    new Service.ExecuteResponse(
                        List.of(new Service.ResultSetResponse("c", 9, false, null, null, 4, null)),
                        false,
                        null))
            .apply(request());
    assertEquals(
        4,
        ((Service.ExecuteResponse) avatica.parseResponse(count.getResponse()))
            .results.get(0).updateCount);

    HandlerResponse<byte[]> failed =
        handler(
                r -> {
                  throw new IllegalStateException("no such table");
                })
            .apply(request());
    assertEquals(500, failed.getStatusCode());
    assertInstanceOf(Service.ErrorResponse.class, avatica.parseResponse(failed.getResponse()));

    int executed = received.size();
    HandlerResponse<byte[]> damaged = handler(r -> null).apply(new byte[] {0, 1, 0, 0});
    assertEquals(400, damaged.getStatusCode());
    assertEquals(executed, received.size(), "a damaged request reaches no service");
  }

  private Service.ExecuteResponse executed(Meta.Signature signature, byte[] rows, boolean done) {
    return new Service.ExecuteResponse(
        List.of(
            new Service.ResultSetResponse(
                "c", 9, true, signature, PackedFrame.frame(0, done, rows), -1, null)),
        false,
        null);
  }

  private PackedExecuteHandler handler(
      Function<Service.ExecuteRequest, Service.ExecuteResponse> execute) {
    Service service =
        (Service)
            Proxy.newProxyInstance(
                Service.class.getClassLoader(),
                new Class<?>[] {Service.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("apply")
                      && args[0] instanceof Service.ExecuteRequest request) {
                    received.add(request);
                    return execute.apply(request);
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    PackedFrameTranslation translation = new PackedFrameTranslation();
    return new PackedExecuteHandler(
        service,
        new ProtobufHandler(service, translation, NoopMetricsSystem.getInstance()),
        translation);
  }

  private static byte[] request(TypedValue... parameters) {
    List<byte[]> values = new ArrayList<>();
    for (TypedValue value : parameters) {
      values.add(value.toProto().toByteArray());
    }
    return PackedExecute.write(new PackedExecute.Request("c", 9, -1, values));
  }

  private static byte[] rows(int count) {
    PackedRows.Writer writer = new PackedRows.Writer(1);
    for (int i = 0; i < count; i++) {
      writer.add((long) i);
    }
    return writer.finish();
  }
}
