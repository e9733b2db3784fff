package org.sqlflow.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.sqlflow.wire.PackedRows;

/**
 * The rows of a pass-through result whose frames the server packs ({@link PackedRows}), with the
 * next frame already on its way while the application reads this one: the server reads the database
 * and encodes while the client decodes, instead of each waiting for the other.
 *
 * <p>At most one fetch is in flight. {@link #settle} waits for it, so that a statement is never
 * re-executed while the server still answers a fetch of its previous result (that fetch would take
 * rows of the new one).
 */
final class PrefetchingRows implements Iterator<List<Object>> {
  private static final Executor FETCHES =
      Executors.newCachedThreadPool(DaemonThreads.named("sqlflow-prefetch"));

  private final Meta meta;
  private final Meta.StatementHandle handle;
  private final int fetchSize;
  private Iterator<Object> rows;
  private long received;

  /** The next frame, null after the last one. */
  private CompletableFuture<Meta.Frame> next;

  PrefetchingRows(Meta meta, Meta.StatementHandle handle, int fetchSize, Meta.Frame first) {
    this.meta = requireNonNull(meta, "meta");
    this.handle = requireNonNull(handle, "handle");
    this.fetchSize = fetchSize;
    accept(first == null ? new Meta.Frame(0, false, List.of()) : first);
  }

  @Override
  public boolean hasNext() {
    while (!rows.hasNext()) {
      if (next == null) {
        return false;
      }
      CompletableFuture<Meta.Frame> arriving = next;
      next = null;
      accept(await(arriving));
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  @Override
  public List<Object> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return (List<Object>) rows.next();
  }

  /** Waits until no fetch of this result is in flight; its rows or failure no longer matter. */
  void settle() {
    CompletableFuture<Meta.Frame> pending = next;
    next = null;
    if (pending != null) {
      try {
        pending.join();
      } catch (RuntimeException e) {
        // The result is being closed: a fetch that failed (statement closed, cancelled) is moot.
      }
    }
  }

  private void accept(Meta.Frame frame) {
    byte[] packed = packedValue(frame);
    received += packed == null ? 0 : PackedRows.rowCount(packed);
    if (!frame.done) {
      // Asked for before this frame is unpacked, so that the server reads and encodes the next
      // frame while this one is decoded.
      long offset = received;
      next = CompletableFuture.supplyAsync(() -> fetch(offset), FETCHES);
    }
    rows = packed == null ? Collections.emptyIterator() : PackedRows.read(packed).iterator();
  }

  private Meta.Frame fetch(long offset) {
    try {
      Meta.Frame frame = meta.fetch(handle, offset, fetchSize);
      return frame == null ? Meta.Frame.EMPTY : frame;
    } catch (NoSuchStatementException | MissingResultsException e) {
      throw new IllegalStateException(
          "the server no longer knows statement " + handle.id + ": " + e.getMessage(), e);
    }
  }

  /** A packed frame holds one row of one value (returned), or no rows at all (null). */
  private static byte[] packedValue(Meta.Frame frame) {
    if (!frame.rows.iterator().hasNext()) {
      return null;
    }
    Object row = frame.rows.iterator().next();
    Object packed = row instanceof List<?> list && list.size() == 1 ? list.get(0) : null;
    if (!(packed instanceof byte[] bytes)) {
      throw new IllegalStateException("the server sent an unpacked frame for a packed result");
    }
    return bytes;
  }

  /** The frame, or the fetch's own failure as the caller's (SQLState and all). */
  private static Meta.Frame await(CompletableFuture<Meta.Frame> frame) {
    try {
      return frame.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching rows", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }
}
