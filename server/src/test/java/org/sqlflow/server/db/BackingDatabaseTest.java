package org.sqlflow.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BackingDatabaseTest {

  @Test
  void mysqlUrlsGetCursorFetchSoLargeResultsStream() {
    BackingDatabase db = new BackingDatabase("jdbc:mysql://h:3306/d?user=u", "", "");
    assertEquals(
        "jdbc:mysql://h:3306/d?user=u&useCursorFetch=true&defaultFetchSize=1000"
            + "&netTimeoutForStreamingResults=0",
        db.url());
    assertEquals(1000, db.cursorFetchSize());
    BackingDatabase chosen =
        new BackingDatabase(
            "jdbc:mysql://h/d?useCursorFetch=false&defaultFetchSize=5"
                + "&netTimeoutForStreamingResults=60",
            "",
            "");
    assertEquals(
        "jdbc:mysql://h/d?useCursorFetch=false&defaultFetchSize=5&netTimeoutForStreamingResults=60",
        chosen.url());
    assertEquals(0, chosen.cursorFetchSize(), "no cursor, nothing to choose");
  }

  @Test
  void theCursorFetchSizeIsTheUrlsOwnAndH2HasNone() {
    assertEquals(
        250,
        new BackingDatabase("jdbc:mysql://h/d?defaultFetchSize=250", "", "").cursorFetchSize());
    assertEquals(
        0, new BackingDatabase("jdbc:mysql://h/d?defaultFetchSize=x", "", "").cursorFetchSize());
    assertEquals(0, new BackingDatabase("jdbc:h2:mem:x", "", "").cursorFetchSize());
  }

  @Test
  void displayUrlMasksThePassword() {
    BackingDatabase db = new BackingDatabase("jdbc:mysql://h/d?user=u&password=s3cret", "", "");
    assertFalse(db.displayUrl().contains("s3cret"), db.displayUrl());
    assertEquals(
        "jdbc:mysql://h/d?user=u&password=***&useCursorFetch=true"
            + "&defaultFetchSize=1000&netTimeoutForStreamingResults=0",
        db.displayUrl());
  }

  @Test
  void aClientUserIsUsedWithItsOwnPasswordAndNeverTheServers() {
    BackingDatabase db = new BackingDatabase("jdbc:h2:mem:x", "server", "server-secret");
    Properties client = db.credentialsFor("alice", "alice-secret");
    assertEquals("alice", client.getProperty("user"));
    assertEquals("alice-secret", client.getProperty("password"));
    Properties noPassword = db.credentialsFor("bob", null);
    assertEquals("", noPassword.getProperty("password"));
    Properties anonymous = db.credentialsFor("", "ignored");
    assertEquals("server", anonymous.getProperty("user"));
    assertEquals("server-secret", anonymous.getProperty("password"));
  }

  @Test
  void aUrlThatLetsEveryConnectionReadLocalFilesIsRefused() {
    for (String url :
        java.util.List.of(
            "jdbc:mysql://127.0.0.1:3306/?allowLoadLocalInfile=true",
            "jdbc:mysql://127.0.0.1:3306/?user=a&ALLOWLOADLOCALINFILEINPATH=/",
            "jdbc:mysql://127.0.0.1:3306/?allowUrlInLocalInfile=true")) {
      IllegalArgumentException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class, () -> new BackingDatabase(url, "u", "p"));
      org.junit.jupiter.api.Assertions.assertTrue(
          refused.getMessage().contains("LOAD DATA LOCAL"), refused.getMessage());
    }
  }
}
