package dev.borealis.compat.stacks;

import dev.borealis.compat.report.StackResult;
import dev.borealis.compat.run.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Flyway as an application runs it, through the raw driver URL: {@code migrate} three migrations (tables with
 * foreign keys, an index, data, a view), then {@code info}, {@code validate}, {@code repair} and {@code clean}, each
 * checked for what it must achieve, not only for not throwing. Every operation runs even when an earlier one
 * failed, so each gets its own verdict; the first error is what the report shows.
 */
public final class FlywayStack {

  static final String NAMESPACE = "compat_flyway";
  private static final int MIGRATIONS = 3;

  private FlywayStack() {
  }

  /** The operations' outcomes on {@code target}, in order, with {@code null} errors meaning "passed". */
  public static List<Optional<String>> run(Target target) {
    List<Optional<String>> out = new ArrayList<>();
    try {
      target.recreate(NAMESPACE);
    } catch (java.sql.SQLException e) {
      String error = "cannot create " + NAMESPACE + ": " + e.getMessage();
      OPERATIONS.forEach(op -> out.add(Optional.of(error)));
      return out;
    }
    Flyway flyway = Flyway.configure()
        .dataSource(target.url(NAMESPACE), target.credentials().getProperty("user"),
            target.credentials().getProperty("password"))
        .schemas(NAMESPACE)
        .locations("classpath:flyway")
        .cleanDisabled(false)
        .connectRetries(0)
        .load();
    for (Operation op : OPERATIONS) {
      out.add(attempt(() -> op.check(flyway)));
    }
    target.drop(NAMESPACE);
    return out;
  }

  /** The operation names, in the order {@link #run} returns their outcomes. */
  public static List<String> operations() {
    return OPERATIONS.stream().map(Operation::name).toList();
  }

  /** The outcomes of {@code real} and {@code embedded} as report rows. */
  public static List<StackResult> compare(String engine, Target real, Target embedded) {
    List<Optional<String>> r = run(real);
    List<Optional<String>> e = run(embedded);
    List<StackResult> out = new ArrayList<>();
    for (int i = 0; i < OPERATIONS.size(); i++) {
      out.add(new StackResult("Flyway", OPERATIONS.get(i).name(), engine, r.get(i), e.get(i)));
    }
    return out;
  }

  private record Operation(String name, Check check) {
    void check(Flyway flyway) throws Exception {
      check.run(flyway);
    }
  }

  @FunctionalInterface
  private interface Check {
    void run(Flyway flyway) throws Exception;
  }

  private static final List<Operation> OPERATIONS = List.of(
      new Operation("migrate", f -> expect(f.migrate().migrationsExecuted == MIGRATIONS,
          "migrate executed fewer than " + MIGRATIONS + " migrations")),
      new Operation("info", f -> {
        MigrationInfo[] applied = f.info().applied();
        expect(applied.length >= MIGRATIONS && java.util.Arrays.stream(applied).allMatch(
            m -> m.getState() == MigrationState.SUCCESS || m.getType().name().contains("SCHEMA")),
            "info lists " + applied.length + " applied migrations, not " + MIGRATIONS + " successful ones");
      }),
      new Operation("validate", f -> {
        ValidateResult v = f.validateWithResult();
        expect(v.validationSuccessful, "validate failed: " + (v.errorDetails == null ? v.invalidMigrations
            : v.errorDetails.errorMessage));
      }),
      new Operation("repair", f -> expect(f.repair() != null, "repair returned nothing")),
      new Operation("clean", f -> {
        f.clean();
        int pending = f.info().pending().length;
        expect(pending == MIGRATIONS, "after clean " + pending + " migrations are pending, not " + MIGRATIONS
            + " (the schema was not emptied)");
      }));

  private static void expect(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }

  private static Optional<String> attempt(ThrowingRunnable r) {
    try {
      r.run();
      return Optional.empty();
    } catch (Exception | LinkageError e) {
      return Optional.of(firstLine(e));
    }
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /**
   * The innermost cause's message, first line: what went wrong on the server, not Flyway's wrapping; loopback
   * addresses and ports (new on every run) are blanked so the report stays the same from run to run.
   */
  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    String line = message.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse(message)
        .replaceAll("127(\\.\\d+){3}(:\\d+)?", "<loopback>");
    return line.length() > 160 ? line.substring(0, 159) + "…" : line;
  }
}
