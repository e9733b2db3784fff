package org.sqlflow.bench.corpus;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.sqlflow.parser.StatementClassifier;
import org.sqlflow.parser.StatementKind;

/**
 * One statement of a corpus file with the notes written above it.
 *
 * @param number the statement's place in the file, from 1
 * @param line the line of the file on which it starts
 * @param sql the statement as written, without its semicolon
 * @param origin where the statement comes from ({@code -- origin:}), or "" when not given
 * @param needs the tables it reads ({@code -- needs:}), for the reader of the report
 * @param expectsError whether its source expects it to fail ({@code -- expect: error})
 */
public record CorpusStatement(
    int number, int line, String sql, String origin, List<String> needs, boolean expectsError) {

  public CorpusStatement {
    requireNonNull(sql, "sql");
    requireNonNull(origin, "origin");
    needs = List.copyOf(needs);
  }

  /**
   * Whether the statement is SQLFlow's own (TO TRAIN, SHOW TRAIN, ...) rather than one the database
   * answers, which a corpus holds only to set up data and which the totals leave out.
   */
  public boolean isExtended() {
    return StatementClassifier.classify(sql) != StatementKind.STANDARD;
  }
}
