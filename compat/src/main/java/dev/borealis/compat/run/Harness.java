package dev.borealis.compat.run;

import dev.borealis.compat.corpus.Case;
import dev.borealis.compat.corpus.Category;
import dev.borealis.compat.corpus.Step;
import dev.borealis.compat.diff.Differ;
import dev.borealis.compat.diff.Outcome;
import dev.borealis.compat.diff.Statements;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The differential engine: runs every case of a corpus on the real server and on the embedded cluster, step by
 * step on one connection per side and category, and records the first difference of each case.
 *
 * <p>A set-up statement that fails on the real server is a corpus bug and stops the run, naming the statement; one
 * that fails on the embedded cluster is recorded (its cases then show what that costs). A connection a case broke
 * (SQLSTATE class 08, or closed) is replaced before the next case.
 */
public final class Harness {

  private final Target real;
  private final Target embedded;
  private final Differ differ;

  public Harness(Target real, Target embedded, Differ differ) {
    this.real = real;
    this.embedded = embedded;
    this.differ = differ;
  }

  public EngineResult run(List<Category> corpus) throws SQLException {
    List<CaseResult> results = new ArrayList<>();
    Map<String, List<String>> setupFailures = new LinkedHashMap<>();
    for (Category category : corpus) {
      List<String> failed = new ArrayList<>();
      results.addAll(run(category, failed));
      if (!failed.isEmpty()) {
        setupFailures.put(category.name(), failed);
      }
    }
    return new EngineResult(real.engine(), real.name(), results, setupFailures);
  }

  private List<CaseResult> run(Category category, List<String> setupFailures) throws SQLException {
    real.recreate(category.namespace());
    try {
      embedded.recreate(category.namespace());
    } catch (SQLException e) {
      setupFailures.add("namespace " + category.namespace() + ": " + e.getSQLState() + " " + e.getMessage());
    }
    try (Side r = new Side(real, category.namespace()); Side e = new Side(embedded, category.namespace())) {
      for (String sql : category.setup()) {
        Outcome o = r.run(sql);
        if (o instanceof Outcome.Failure f) {
          throw new IllegalStateException("category " + category.name() + ": set-up statement fails on "
              + real.name() + " (a corpus bug): " + sql + " -> " + f.describe());
        }
        if (e.run(sql) instanceof Outcome.Failure f) {
          setupFailures.add(sql + " -> " + f.describe());
        }
      }
      List<CaseResult> out = new ArrayList<>(category.cases().size());
      for (Case c : category.cases()) {
        out.add(new CaseResult(c.id(), c.category(), c.template(), c.text(), compare(c, r, e)));
        for (String sql : c.cleanup()) {
          r.run(sql);
          e.run(sql);
        }
      }
      return out;
    } finally {
      real.drop(category.namespace());
      embedded.drop(category.namespace());
    }
  }

  private Optional<String> compare(Case c, Side r, Side e) throws SQLException {
    Optional<String> first = Optional.empty();
    for (int i = 0; i < c.steps().size(); i++) {
      Step step = c.steps().get(i);
      Outcome a = r.run(step);
      Outcome b = e.run(step);
      if (first.isEmpty()) {
        Optional<String> d = differ.compare(a, b, step.ordered());
        if (d.isPresent()) {
          first = Optional.of(c.steps().size() == 1 ? d.get() : "step " + (i + 1) + ": " + d.get());
        }
      }
    }
    return first;
  }

  /** One side's connection for a category, replaced when a statement breaks it. */
  private static final class Side implements AutoCloseable {
    private final Target target;
    private final String namespace;
    private Connection connection;

    Side(Target target, String namespace) {
      this.target = target;
      this.namespace = namespace;
    }

    Outcome run(String sql) throws SQLException {
      return run(new Step.Sql(sql));
    }

    Outcome run(Step step) throws SQLException {
      if (connection == null) {
        try {
          connection = target.connect(namespace);
        } catch (SQLException e) {
          return new Outcome.Failure(e.getSQLState(), e.getErrorCode(), "cannot connect: " + e.getMessage());
        }
      }
      Outcome o = step.run(connection);
      if (o instanceof Outcome.Failure f && (f.sqlState().startsWith("08") || f.sqlState().equals("XXJDB")
          || connection.isClosed())) {
        close();
      }
      return o;
    }

    @Override
    public void close() {
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          // Broken already.
        }
        connection = null;
      }
    }
  }
}
