package dev.borealis.jdbc.aws;

/** A database user and its password (or token). {@link #toString()} never shows the password. */
record DbCredentials(String user, String password) {

  @Override
  public String toString() {
    return "DbCredentials[user=" + user + ", password=***]";
  }
}
