package org.sqlflow.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClientSessionsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Login login(String user, String password) {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    return new Login(user, false, credentials);
  }

  @Test
  void capsCountPerLoginAndInTotal() throws SQLException {
    ClientSessions sessions = new ClientSessions(3, 2, Clock.fixed(T0, ZoneOffset.UTC));
    sessions.reserve("a1", login("alice", "x"));
    sessions.reserve("a2", login("alice", "x"));
    assertEquals(
        "08004",
        assertThrows(SQLException.class, () -> sessions.reserve("a3", login("alice", "x")))
            .getSQLState());
    sessions.reserve("b1", login("bob", "y"));
    assertEquals(
        "08004",
        assertThrows(SQLException.class, () -> sessions.reserve("c1", login("carol", "z")))
            .getSQLState());
    sessions.closed("a1");
    sessions.reserve("c1", login("carol", "z"));
  }

  @Test
  void aStatementIsUsableOnlyOnItsConnection() throws SQLException {
    ClientSessions sessions = new ClientSessions(10, 10, Clock.systemUTC());
    sessions.reserve("a", login("alice", "x"));
    sessions.reserve("b", login("bob", "y"));
    sessions.bindStatement("a", 7);
    sessions.requireStatement("a", 7);
    assertEquals(
        "08003",
        assertThrows(SQLException.class, () -> sessions.requireStatement("b", 7)).getSQLState());
    assertEquals(
        "08003",
        assertThrows(SQLException.class, () -> sessions.requireStatement("never-opened", 7))
            .getSQLState());
    sessions.statementClosed("a", 7);
    assertThrows(SQLException.class, () -> sessions.requireStatement("a", 7));
  }

  @Test
  void aConnectionIsUsableOnlyWhileOpenAndByItsLogin() throws SQLException {
    ClientSessions sessions = new ClientSessions(10, 10, Clock.systemUTC());
    sessions.reserve("a", login("alice", "x"));
    assertEquals("alice", sessions.use("a", Optional.empty()).user());
    assertEquals("alice", sessions.use("a", Optional.of(new HttpCredentials("alice", "x"))).user());
    assertEquals(
        "28000",
        assertThrows(
                SQLException.class,
                () -> sessions.use("a", Optional.of(new HttpCredentials("bob", "y"))))
            .getSQLState());
    assertEquals(
        "28000",
        assertThrows(
                SQLException.class,
                () -> sessions.use("a", Optional.of(new HttpCredentials("alice", "guess"))))
            .getSQLState());
    assertEquals(
        "08003",
        assertThrows(SQLException.class, () -> sessions.use("z", Optional.empty())).getSQLState());
  }

  @Test
  void connectionsUnusedSinceTheCutoffAreIdle() throws SQLException {
    MutableClock clock = new MutableClock();
    ClientSessions sessions = new ClientSessions(10, 10, clock);
    sessions.reserve("old", login("alice", "x"));
    sessions.reserve("busy", login("alice", "x"));
    clock.now = T0.plus(Duration.ofMinutes(4));
    sessions.use("busy", Optional.empty());
    clock.now = T0.plus(Duration.ofMinutes(6));
    assertEquals(List.of("old"), sessions.idleSince(clock.now.minus(Duration.ofMinutes(5))));
  }

  private static final class MutableClock extends Clock {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
