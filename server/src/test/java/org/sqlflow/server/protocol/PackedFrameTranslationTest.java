package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;
import org.sqlflow.wire.PackedRows;

/** What Avatica's own client reads back from the responses this translation writes. */
class PackedFrameTranslationTest {
  private final PackedFrameTranslation ours = new PackedFrameTranslation();
  private final ProtobufTranslationImpl avatica = new ProtobufTranslationImpl();
  private final Service.RpcMetadataResponse server = new Service.RpcMetadataResponse("host:1");

  @Test
  void aFetchOfPackedRowsArrivesAsOneByteArrayWrittenOnce() throws Exception {
    byte[] packed = packed(5000);

    byte[] written =
        ours.serializeResponse(
            new Service.FetchResponse(PackedFrame.frame(40, false, packed), false, true, server));
    Service.FetchResponse read = (Service.FetchResponse) avatica.parseResponse(written);

    assertEquals(40, read.frame.offset);
    assertFalse(read.frame.done);
    assertTrue(read.missingResults);
    assertEquals(server, read.rpcMetadata);
    assertArrayEquals(packed, onlyValue(read.frame));
    assertTrue(
        written.length < packed.length + 200,
        "the rows once, not twice: " + written.length + " bytes for " + packed.length);
  }

  @Test
  void anExecuteKeepsItsSignatureAndCountsAndPacksOnlyThePackedFrames() throws Exception {
    byte[] packed = packed(3);
    Meta.Signature signature =
        Meta.Signature.create(
            List.of(MetaImpl.columnMetaData("id", 0, Long.class, false)),
            "SELECT id FROM t",
            List.of(),
            Meta.CursorFactory.map(List.of(PackedRows.MARKER)),
            Meta.StatementType.SELECT);
    Meta.Frame plain = new Meta.Frame(0, true, Collections.singletonList(new Object[] {7L}));
    Service.ExecuteResponse response =
        new Service.ExecuteResponse(
            List.of(
                new Service.ResultSetResponse(
                    "c", 3, true, signature, PackedFrame.frame(0, true, packed), -1, server),
                new Service.ResultSetResponse("c", 4, false, signature, plain, -1, server),
                new Service.ResultSetResponse("c", 5, false, null, null, 12, server)),
            false,
            server);

    Service.ExecuteResponse read =
        (Service.ExecuteResponse) avatica.parseResponse(ours.serializeResponse(response));

    assertEquals(3, read.results.size());
    Service.ResultSetResponse first = read.results.get(0);
    assertEquals(3, first.statementId);
    assertTrue(first.ownStatement);
    assertEquals(List.of(PackedRows.MARKER), first.signature.cursorFactory.fieldNames);
    assertEquals(List.of("id"), first.signature.columns.stream().map(c -> c.columnName).toList());
    assertTrue(first.firstFrame.done);
    assertArrayEquals(packed, onlyValue(first.firstFrame));
    assertEquals(
        List.of(List.of(7L)), read.results.get(1).firstFrame.rows, "an ordinary frame as before");
    assertEquals(12, read.results.get(2).updateCount);
  }

  @Test
  void aPackedResultLeavesOutOnlyTheSignatureItsPrepareAnnounced() throws Exception {
    Meta.Signature announced = signature("SELECT id FROM t WHERE id = ?");
    Meta.Signature same =
        AnnouncedSignature.of(signature("SELECT id FROM t WHERE id = ?"), announced);
    Meta.Signature other =
        AnnouncedSignature.of(signature("SELECT id FROM u WHERE id = ?"), announced);
    Meta.Frame packed = PackedFrame.frame(0, true, packed(1));
    Meta.Frame plain = new Meta.Frame(0, true, Collections.singletonList(new Object[] {7L}));
    Service.ExecuteResponse response =
        new Service.ExecuteResponse(
            List.of(
                new Service.ResultSetResponse("c", 1, true, same, packed, -1, server),
                new Service.ResultSetResponse("c", 2, true, other, packed, -1, server),
                new Service.ResultSetResponse("c", 3, true, same, plain, -1, server)),
            false,
            server);

    Service.ExecuteResponse read =
        (Service.ExecuteResponse) avatica.parseResponse(ours.serializeResponse(response));

    assertNull(read.results.get(0).signature, "the client holds it");
    assertEquals(
        "SELECT id FROM u WHERE id = ?", read.results.get(1).signature.sql, "a different one");
    assertEquals(
        announced.columns,
        read.results.get(2).signature.columns,
        "Avatica's frames: a client that may not know to substitute it");
  }

  /** A one-column signature of {@code sql} whose results are packed. */
  static Meta.Signature signature(String sql) {
    return Meta.Signature.create(
        List.of(MetaImpl.columnMetaData("id", 0, Long.class, false)),
        sql,
        List.of(),
        Meta.CursorFactory.map(List.of(PackedRows.MARKER)),
        Meta.StatementType.SELECT);
  }

  @Test
  void responsesWithoutPackedRowsAreAvaticasOwnByteForByte() throws Exception {
    Service.FetchResponse fetch =
        new Service.FetchResponse(
            new Meta.Frame(0, true, Collections.singletonList(new Object[] {"a", 1L})),
            false,
            false,
            server);

    assertArrayEquals(avatica.serializeResponse(fetch), ours.serializeResponse(fetch));
  }

  private static byte[] packed(int rows) {
    PackedRows.Writer writer = new PackedRows.Writer(3);
    for (int i = 0; i < rows; i++) {
      writer.add((long) i);
      writer.add(i * 0.25);
      writer.add("row-" + i + "-Grüße");
    }
    return writer.finish();
  }

  private static byte[] onlyValue(Meta.Frame frame) {
    List<?> rows = (List<?>) frame.rows;
    assertEquals(1, rows.size());
    List<?> row = (List<?>) rows.get(0);
    assertEquals(1, row.size());
    return (byte[]) row.get(0);
  }
}
