package org.sqlflow.server.feed;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlflow.server.contract.FeedType;
import org.sqlflow.server.contract.JobFiles;
import org.sqlflow.server.db.RowsFile;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.error.JobCancelledException;

/**
 * Streams a SELECT into a feed directory (see docs/ml-contract.md section 1): one file per column,
 * then {@code meta.json} ({@link JobFiles#FEED_META}), written last so a directory without it is
 * known to be incomplete. Optionally keeps each row's own values in a {@link RowsFile} so results
 * can be written back with the SELECT's exact values.
 */
public final class FeedWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BUFFER_BYTES = 1 << 16;

  /** How often (in rows) a feed asks whether its job was cancelled. */
  public static final int CHECK_EVERY_ROWS = 4096;

  private final int fetchSize;
  private final int checkEveryRows;

  /**
   * @param fetchSize rows the driver fetches per round trip (MySQL honours it with {@code
   *     useCursorFetch=true})
   * @param checkEveryRows how often to ask whether the job was cancelled
   */
  public FeedWriter(int fetchSize, int checkEveryRows) {
    if (fetchSize <= 0 || checkEveryRows <= 0) {
      throw new IllegalArgumentException("fetchSize and checkEveryRows must be positive");
    }
    this.fetchSize = fetchSize;
    this.checkEveryRows = checkEveryRows;
  }

  public FeedWriter() {
    this(1000, CHECK_EVERY_ROWS);
  }

  /** Runs {@code select} on {@code connection}, streaming, and writes its rows to {@code dir}. */
  public Feed writeSelect(
      Connection connection, String select, Path dir, Path rowsFile, CancellationCheck cancellation)
      throws SQLException, IOException, JobCancelledException {
    try (Statement statement =
        connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(fetchSize);
      try (ResultSet rows = statement.executeQuery(select)) {
        return write(rows, dir, rowsFile, cancellation);
      }
    }
  }

  /**
   * Writes every remaining row of {@code rows} to {@code dir} (created when missing).
   *
   * @param rowsFile where to keep the rows' own values, or null to keep none
   */
  public Feed write(ResultSet rows, Path dir, Path rowsFile, CancellationCheck cancellation)
      throws SQLException, IOException, JobCancelledException {
    requireNonNull(cancellation, "cancellation");
    Files.createDirectories(dir);
    List<SourceColumn> columns = SourceColumn.of(rows.getMetaData());
    List<ColumnSink> sinks = new ArrayList<>();
    RowsFile.Writer kept = null;
    long count = 0;
    try {
      for (int i = 0; i < columns.size(); i++) {
        Path file = dir.resolve(columns.get(i).feedType().fileName(i));
        sinks.add(
            columns.get(i).feedType() == FeedType.FLOAT64
                ? new Float64Sink(file, i + 1)
                : new StringSink(file, i + 1));
      }
      if (rowsFile != null) {
        kept = RowsFile.writer(rowsFile, columns);
      }
      while (rows.next()) {
        for (ColumnSink sink : sinks) {
          sink.append(rows);
        }
        if (kept != null) {
          kept.append(rows);
        }
        if (++count % checkEveryRows == 0) {
          cancellation.check();
        }
      }
    } finally {
      IOException failure = null;
      for (ColumnSink sink : sinks) {
        try {
          sink.close();
        } catch (IOException e) {
          failure = e;
        }
      }
      if (kept != null) {
        kept.close();
      }
      if (failure != null) {
        throw failure;
      }
    }
    writeMeta(dir, columns, count);
    return new Feed(dir, count, columns);
  }

  private static void writeMeta(Path dir, List<SourceColumn> columns, long count)
      throws IOException {
    List<Map<String, Object>> described = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Map<String, Object> column = new LinkedHashMap<>();
      column.put("name", columns.get(i).name());
      column.put("type", columns.get(i).feedType().contractName());
      column.put("file", columns.get(i).feedType().fileName(i));
      described.add(column);
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("rows", count);
    meta.put("columns", described);
    JSON.writeValue(dir.resolve(JobFiles.FEED_META).toFile(), meta);
  }

  private interface ColumnSink extends AutoCloseable {
    void append(ResultSet rows) throws SQLException, IOException;

    @Override
    void close() throws IOException;
  }

  /** Doubles, little-endian, NULL as NaN; buffered by hand because this is the hot path. */
  private static final class Float64Sink implements ColumnSink {
    private final FileChannel channel;
    private final ByteBuffer buffer =
        ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final int index;

    Float64Sink(Path file, int index) throws IOException {
      this.channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE);
      this.index = index;
    }

    @Override
    public void append(ResultSet rows) throws SQLException, IOException {
      double value = rows.getDouble(index);
      if (rows.wasNull()) {
        value = Double.NaN;
      }
      if (buffer.remaining() < Double.BYTES) {
        flush();
      }
      buffer.putDouble(value);
    }

    private void flush() throws IOException {
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    @Override
    public void close() throws IOException {
      try (channel) {
        flush();
      }
    }
  }

  /** One escaped UTF-8 line per value; NULL is a line holding backslash N. */
  private static final class StringSink implements ColumnSink {
    private final BufferedWriter out;
    private final int index;

    StringSink(Path file, int index) throws IOException {
      this.out =
          new BufferedWriter(
              new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
              BUFFER_BYTES);
      this.index = index;
    }

    @Override
    public void append(ResultSet rows) throws SQLException, IOException {
      String value = rows.getString(index);
      if (value == null) {
        out.write("\\N\n");
        return;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        switch (c) {
          case '\\' -> out.write("\\\\");
          case '\n' -> out.write("\\n");
          case '\r' -> out.write("\\r");
          default -> out.write(c);
        }
      }
      out.write('\n');
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
