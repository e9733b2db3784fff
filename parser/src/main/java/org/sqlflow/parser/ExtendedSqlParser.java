package org.sqlflow.parser;

import java.util.OptionalInt;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.util.SourceStringReader;
import org.sqlflow.parser.ast.SqlExtendedQuery;
import org.sqlflow.parser.ast.SqlShowTrain;
import org.sqlflow.parser.ast.SqlflowStatement;
import org.sqlflow.parser.impl.ParseException;
import org.sqlflow.parser.impl.SqlflowParserImpl;
import org.sqlflow.parser.impl.SqlflowParserImplConstants;
import org.sqlflow.parser.impl.TokenMgrError;

/**
 * Parses SQLFlow's extended statements with the Calcite-generated grammar, configured like MySQL
 * (back-quoted identifiers, case kept, MySQL 5 conformance).
 *
 * <p>The SELECT of the result is the user's own text, cut at the position of TO. When Calcite
 * cannot parse a MySQL-only SELECT, the extended clause is still parsed on its own and the SELECT
 * passed through verbatim for the database to judge.
 *
 * <p>Stateless and safe to share between threads.
 */
public final class ExtendedSqlParser {
  private static final int IDENTIFIER_MAX_LENGTH = 256;

  private final StatementBuilder builder = new StatementBuilder();

  /**
   * Reads any statement a client sends, scanning its text once: standard SQL is only classified
   * (the database parses it), SQLFlow's own statements are parsed.
   */
  public ParsedStatement parseStatement(String sql) throws SqlflowParseException {
    ScannedSql scan = ScannedSql.scan(sql);
    StatementKind kind = StatementClassifier.classify(scan);
    switch (kind) {
      case STANDARD:
        return new StandardStatement(sql);
      case SHOW_JOBS:
        return new ShowJobsStatement();
      case METADATA:
      case RETURNING_KEYS:
      case GENERATED_KEYS:
      case WARNINGS:
      case MORE_RESULTS:
        return new DriverCommand(kind, sql);
      case KILL_JOB:
        try {
          return StatementClassifier.parseKillJob(scan);
        } catch (IllegalArgumentException e) {
          throw new SqlflowParseException(e.getMessage(), 1, 1);
        }
      case SHOW_JOB_LOG:
        return ShowJobLogSyntax.parse(scan);
      case SUBMIT:
        return parseSubmit(scan);
      default:
        return builder.build(parseTree(scan), scan.original());
    }
  }

  /**
   * SUBMIT and the extended statement after it, read as if SUBMIT were blanks: every error names
   * the position in the text the user typed.
   */
  private SubmitStatement parseSubmit(ScannedSql scan) throws SqlflowParseException {
    ScannedSql.Token submit = scan.statementTokens().get(0);
    ScannedSql inner = ScannedSql.scan(ScannedSql.blank(scan.sql(), submit.start(), submit.end()));
    StatementKind kind = StatementClassifier.classify(inner);
    if (kind != StatementKind.EXTENDED || inner.word(0).equals("SHOW")) {
      int at = inner.statementTokens().isEmpty() ? scan.end() : inner.start();
      throw ParseErrors.syntax(
          scan.sql(),
          at,
          ParseErrors.near(scan, at),
          "SUBMIT runs a statement with TO TRAIN, TO PREDICT, TO EVALUATE, TO EXPLAIN, TO RUN,"
              + " TO MAXIMIZE or TO MINIMIZE");
    }
    return new SubmitStatement(builder.build(parseTree(inner), inner.original()), scan.original());
  }

  /** Parses a statement the classifier called {@link StatementKind#EXTENDED}. */
  public ExtendedStatement parse(String sql) throws SqlflowParseException {
    ScannedSql scan = ScannedSql.scan(sql);
    return builder.build(parseTree(scan), scan.original());
  }

  /**
   * The syntax tree, SELECT attached; {@link SqlflowStatement#toSqlflowString()} prints it back.
   * Only {@link #parse} checks attributes and feature columns.
   */
  public SqlflowStatement parseTree(String sql) throws SqlflowParseException {
    return parseTree(ScannedSql.scan(sql));
  }

  private SqlflowStatement parseTree(ScannedSql scan) throws SqlflowParseException {
    if (scan.statementTokens().isEmpty()) {
      throw new SqlflowParseException(
          "Empty statement: expected a SELECT followed by TO TRAIN, TO PREDICT, TO EVALUATE,"
              + " TO EXPLAIN, TO MAXIMIZE, TO MINIMIZE or TO RUN, or SHOW TRAIN",
          1,
          1);
    }
    if (scan.unterminatedQuote().isPresent()) {
      ScannedSql.Token quote = scan.unterminatedQuote().get();
      throw ParseErrors.syntax(
          scan.sql(),
          quote.start(),
          ParseErrors.near(scan, quote.start()),
          quote.text().startsWith("`") ? "unterminated quoted identifier" : "unterminated string");
    }
    OptionalInt to = scan.extendedClauseStart();
    if (to.isPresent() && to.getAsInt() == scan.start()) {
      throw ParseErrors.syntax(
          scan.sql(),
          to.getAsInt(),
          ParseErrors.near(scan, to.getAsInt()),
          "expected a SELECT before TO " + scan.word(1));
    }
    SqlNode node = parseWholeStatement(scan, to);
    if (node instanceof SqlShowTrain show) {
      return show;
    }
    if (node instanceof SqlExtendedQuery query) {
      int toIndex = TextPositions.index(scan.sql(), query.getParserPosition());
      return query.withSelect(scan.sql().substring(scan.start(), scan.endOfTokensBefore(toIndex)));
    }
    throw ParseErrors.syntax(
        scan.sql(),
        scan.end(),
        "end of statement",
        "expected TO TRAIN, TO PREDICT, TO EVALUATE, TO EXPLAIN, TO MAXIMIZE, TO MINIMIZE"
            + " or TO RUN");
  }

  /**
   * Parses everything; if that fails inside a SELECT that precedes a top-level TO, parses the
   * clause alone with the SELECT blanked out, so that positions stay those of the statement.
   */
  private static SqlNode parseWholeStatement(ScannedSql scan, OptionalInt to)
      throws SqlflowParseException {
    String text = scan.textForParser();
    SqlflowParserImpl parser = newParser(text);
    try {
      return parser.SqlflowStmtEof();
    } catch (ParseException | TokenMgrError | CalciteException e) {
      SqlParseException failure = parser.normalizeException(e);
      boolean atEnd = isAtEnd(e);
      int index = ParseErrors.index(scan, failure, atEnd);
      boolean inSelect =
          to.isPresent() && index < to.getAsInt() && !scan.hasSemicolonBefore(to.getAsInt());
      if (!inSelect) {
        throw ParseErrors.fromParser(scan, failure, atEnd);
      }
      return parseClauseOnly(scan, ScannedSql.blank(text, 0, to.getAsInt()));
    }
  }

  private static SqlNode parseClauseOnly(ScannedSql scan, String text)
      throws SqlflowParseException {
    SqlflowParserImpl parser = newParser(text);
    try {
      return parser.SqlflowExtendedClauseEof();
    } catch (ParseException | TokenMgrError | CalciteException e) {
      throw ParseErrors.fromParser(scan, parser.normalizeException(e), isAtEnd(e));
    }
  }

  private static boolean isAtEnd(Throwable e) {
    return e instanceof ParseException pe
        && pe.currentToken != null
        && pe.currentToken.next != null
        && pe.currentToken.next.kind == SqlflowParserImplConstants.EOF;
  }

  /** The generated parser, set up as Calcite's {@code Lex.MYSQL} would. */
  private static SqlflowParserImpl newParser(String text) {
    SqlflowParserImpl parser =
        (SqlflowParserImpl) SqlflowParserImpl.FACTORY.getParser(new SourceStringReader(text));
    parser.setTabSize(1);
    parser.setQuotedCasing(Casing.UNCHANGED);
    parser.setUnquotedCasing(Casing.UNCHANGED);
    parser.setIdentifierMaxLength(IDENTIFIER_MAX_LENGTH);
    parser.setConformance(SqlConformanceEnum.MYSQL_5);
    parser.switchTo(SqlAbstractParserImpl.LexicalState.BTID);
    return parser;
  }
}
