package org.sqlflow.server.extended;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sqlflow.server.job.JobFailedException;

/** A PNG file a program drew (SHAP's summary plot): its bytes and its size from the IHDR chunk. */
record PngImage(byte[] bytes, int width, int height) {
  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static PngImage read(Path file) throws IOException, JobFailedException {
    if (!Files.exists(file)) {
      throw new JobFailedException("the program wrote no plot " + file.getFileName());
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 24
        || !Arrays.equals(bytes, 0, 8, SIGNATURE, 0, 8)
        || !new String(bytes, 12, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("IHDR")) {
      throw new JobFailedException(file.getFileName() + " is not a PNG image");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, 16, 8);
    return new PngImage(bytes, header.getInt(), header.getInt());
  }
}
