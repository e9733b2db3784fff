package org.sqlflow.server.contract;

import java.sql.Types;

/** How one SELECT column travels to Python: as little-endian doubles or as escaped text lines. */
public enum FeedType implements ContractName {
  FLOAT64("float64", ".bin"),
  STRING("string", ".txt");

  private final String contractName;
  private final String fileSuffix;

  FeedType(String contractName, String fileSuffix) {
    this.contractName = contractName;
    this.fileSuffix = fileSuffix;
  }

  /** Numeric and boolean SQL types are doubles; everything else (text, dates, ...) is text. */
  public static FeedType forJdbcType(int jdbcType) {
    return switch (jdbcType) {
      case Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.DECIMAL,
          Types.NUMERIC,
          Types.FLOAT,
          Types.REAL,
          Types.DOUBLE,
          Types.BOOLEAN,
          Types.BIT ->
          FLOAT64;
      default -> STRING;
    };
  }

  /** The type name used in {@code meta.json} and model metadata. */
  @Override
  public String contractName() {
    return contractName;
  }

  public static FeedType forContractName(String name) {
    return ContractName.find(values(), name, "feed type");
  }

  public String fileName(int columnIndex) {
    return "c" + columnIndex + fileSuffix;
  }
}
