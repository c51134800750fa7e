/**
 * RDS IAM database authentication on the cluster's side: verifying the SigV4-presigned tokens that clients send as
 * their password, with the JDK's HMAC-SHA256 only.
 */
package dev.borealis.cluster.auth;
