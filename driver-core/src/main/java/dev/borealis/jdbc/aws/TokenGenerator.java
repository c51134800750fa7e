package dev.borealis.jdbc.aws;

import java.sql.SQLException;

/** The seam in front of the AWS SDK's RDS utilities: only {@link SdkTokenGenerator} touches the SDK. */
interface TokenGenerator {

  /** A fresh RDS IAM authentication token for {@code user} at {@code host:port}, signed for {@code region}. */
  String generate(String host, int port, String region, String user) throws SQLException;
}
