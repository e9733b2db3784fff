package org.sqlflow.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Standard SQL through the SQLFlow driver, as any JDBC program would write it: the server passes it
 * to the backing database and answers as the database does.
 *
 * <pre>java -cp driver/target/sqlflow-jdbc.jar:examples/target/classes \
 *     org.sqlflow.examples.BasicQueries jdbc:sqlflow://localhost:8765</pre>
 */
public final class BasicQueries {
  private BasicQueries() {}

  public static void main(String[] args) throws SQLException {
    String url = args.length > 0 ? args[0] : "jdbc:sqlflow://localhost:8765";
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS fruit");
      statement.execute("CREATE TABLE fruit (id INT PRIMARY KEY, name VARCHAR(20), price DOUBLE)");
      int inserted =
          statement.executeUpdate(
              "INSERT INTO fruit VALUES (1, 'apple', 0.5), (2, 'pear', 0.75), (3, 'fig', 1.25)");
      System.out.println("inserted " + inserted + " rows");
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT name, price FROM fruit WHERE price > 0.6 ORDER BY price")) {
        while (rs.next()) {
          System.out.printf("%-6s %.2f%n", rs.getString("name"), rs.getDouble("price"));
        }
      }
    }
  }
}
