package dev.borealis.jdbc.wrapper;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the delegating wrappers ({@code dev.borealis.jdbc.wrapper.*Wrapper}) and the {@code JdbcMethod} enum from
 * the {@code java.sql} interfaces, so that nobody maintains thousands of lines of delegation by hand. The output is
 * checked in; {@code GeneratedCodeIsCurrentTest} fails when it differs from what this class produces now.
 * Depends on the JDK only, so it can also be run on its own:
 * {@code java driver-core/src/test/java/dev/borealis/jdbc/wrapper/WrapperGenerator.java driver-core}.
 */
public final class WrapperGenerator {

  /** One generated class: the interface, the hand-written base it extends, and the base's constructor shape. */
  record Spec(Class<?> iface, String base, String ctorParams, String superArgs, String target, Set<String> handWritten) {
    String className() {
      return iface.getSimpleName() + "Wrapper";
    }
  }

  private static final String DELEGATE_CTOR = "%s delegate, LogicalConnection owner";

  static final List<Spec> SPECS = List.of(
      new Spec(Connection.class, "ConnectionWrapperBase", "LogicalConnection owner", "owner", "physical()",
          Set.of("close()", "isClosed()", "abort(Executor)", "setAutoCommit(boolean)", "setReadOnly(boolean)",
              "setTransactionIsolation(int)", "setCatalog(String)", "setSchema(String)", "setHoldability(int)",
              "setNetworkTimeout(Executor,int)", "setClientInfo(String,String)", "setClientInfo(Properties)", "commit()",
              "rollback()")),
      statement(Statement.class),
      statement(PreparedStatement.class),
      statement(CallableStatement.class),
      new Spec(ResultSet.class, "ResultSetWrapperBase", "ResultSet delegate, LogicalConnection owner, Statement parent",
          "delegate, owner, parent", "delegate", Set.of("getStatement()")),
      plain(ResultSetMetaData.class),
      new Spec(DatabaseMetaData.class, "DatabaseMetaDataWrapperBase", String.format(DELEGATE_CTOR, "DatabaseMetaData"),
          "delegate, owner", "delegate", Set.of("getConnection()")),
      plain(ParameterMetaData.class),
      plain(Array.class),
      plain(Blob.class),
      plain(Clob.class),
      plain(NClob.class),
      plain(SQLXML.class),
      plain(Savepoint.class),
      plain(RowId.class),
      plain(Struct.class),
      plain(Ref.class));

  /** Return types the generated code wraps, and the WrapperBase helper that does it. */
  private static final Map<Class<?>, String> WRAPPED_RESULTS = new LinkedHashMap<>();

  /** Parameter types whose wrappers must be unwrapped before they reach the target driver. */
  private static final Set<Class<?>> UNWRAPPED_ARGS = Set.of(Array.class, Blob.class, Clob.class, NClob.class,
      SQLXML.class, Savepoint.class, RowId.class, Struct.class, Ref.class, Object.class);

  static {
    for (Class<?> c : List.of(ResultSet.class, Statement.class, PreparedStatement.class, CallableStatement.class,
        ResultSetMetaData.class, DatabaseMetaData.class, ParameterMetaData.class, Array.class, Blob.class,
        Clob.class, NClob.class, SQLXML.class, Savepoint.class, RowId.class, Struct.class, Ref.class)) {
      WRAPPED_RESULTS.put(c, "wrap" + c.getSimpleName());
    }
  }

  private static Spec statement(Class<?> iface) {
    String n = iface.getSimpleName();
    return new Spec(iface, "StatementWrapperBase<" + n + ">", String.format(DELEGATE_CTOR, n), "delegate, owner",
        "delegate", Set.of("getConnection()"));
  }

  private static Spec plain(Class<?> iface) {
    String n = iface.getSimpleName();
    return new Spec(iface, "DelegatingWrapper<" + n + ">", String.format(DELEGATE_CTOR, n), "delegate, owner",
        "delegate", Set.of());
  }

  private WrapperGenerator() {
  }

  /** Relative path (from the module's {@code src/main/java}) to file content. */
  public static Map<String, String> generateAll() {
    Map<String, String> files = new TreeMap<>();
    for (Spec spec : SPECS) {
      files.put("dev/borealis/jdbc/wrapper/" + spec.className() + ".java", generateWrapper(spec));
    }
    files.put("dev/borealis/jdbc/spi/JdbcMethod.java", generateEnum());
    return files;
  }

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".").resolve("src/main/java");
    for (Map.Entry<String, String> e : generateAll().entrySet()) {
      Files.writeString(root.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  // ---- methods -------------------------------------------------------------------------------------------

  /** Every instance method of the interface (inherited ones included), one per signature, sorted. */
  static List<Method> methodsOf(Class<?> iface) {
    Map<String, Method> bySignature = new TreeMap<>();
    for (Method m : iface.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == java.sql.Wrapper.class) {
        continue;
      }
      String sig = signature(m);
      Method known = bySignature.get(sig);
      if (known == null || known.getDeclaringClass().isAssignableFrom(m.getDeclaringClass())) {
        bySignature.put(sig, m);
      }
    }
    return new ArrayList<>(bySignature.values());
  }

  static String signature(Method m) {
    StringBuilder sb = new StringBuilder(m.getName()).append('(');
    Class<?>[] p = m.getParameterTypes();
    for (int i = 0; i < p.length; i++) {
      sb.append(i > 0 ? "," : "").append(p[i].getSimpleName());
    }
    return sb.append(')').toString();
  }

  static String constantName(Method m) {
    return constantName(m.getDeclaringClass(), m.getName());
  }

  static String constantName(Class<?> iface, String method) {
    return snake(iface.getSimpleName()) + "_" + snake(method);
  }

  private static String snake(String camel) {
    String s = camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2");
    return s.toUpperCase(Locale.ROOT);
  }

  // ---- the enum ------------------------------------------------------------------------------------------

  static String generateEnum() {
    Map<String, String[]> constants = new TreeMap<>();
    for (Spec spec : SPECS) {
      for (Method m : methodsOf(spec.iface())) {
        constants.putIfAbsent(constantName(m),
            new String[] {m.getDeclaringClass().getSimpleName(), m.getName()});
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("// GENERATED by dev.borealis.jdbc.wrapper.WrapperGenerator (driver-core test sources). Do not edit.\n")
        .append("package dev.borealis.jdbc.spi;\n\n")
        .append("/**\n * Every JDBC method a plugin can subscribe to: one constant per interface and method name (overloads\n")
        .append(" * share a constant; {@link dev.borealis.jdbc.spi.Chain#args()} tells them apart).\n */\n")
        .append("public enum JdbcMethod {\n");
    List<Map.Entry<String, String[]>> entries = new ArrayList<>(constants.entrySet());
    for (int i = 0; i < entries.size(); i++) {
      String[] v = entries.get(i).getValue();
      sb.append("  ").append(entries.get(i).getKey()).append("(\"").append(v[0]).append("\", \"").append(v[1])
          .append("\")").append(i == entries.size() - 1 ? ";\n" : ",\n");
    }
    sb.append("\n  private final String interfaceName;\n  private final String methodName;\n\n")
        .append("  JdbcMethod(String interfaceName, String methodName) {\n")
        .append("    this.interfaceName = interfaceName;\n    this.methodName = methodName;\n  }\n\n")
        .append("  /** The simple name of the declaring {@code java.sql} interface, e.g. {@code Statement}. */\n")
        .append("  public String interfaceName() {\n    return interfaceName;\n  }\n\n")
        .append("  public String methodName() {\n    return methodName;\n  }\n\n")
        .append("  /** {@code Statement.executeQuery}: for messages. */\n")
        .append("  public String displayName() {\n    return interfaceName + \".\" + methodName;\n  }\n\n")
        .append("  /** Whether this runs SQL: an {@code execute*} method of a statement. */\n")
        .append("  public boolean executesSql() {\n")
        .append("    return interfaceName.endsWith(\"Statement\") && methodName.startsWith(\"execute\");\n  }\n")
        .append("}\n");
    return sb.toString();
  }

  // ---- wrappers ------------------------------------------------------------------------------------------

  static String generateWrapper(Spec spec) {
    StringBuilder sb = new StringBuilder();
    sb.append("// GENERATED by dev.borealis.jdbc.wrapper.WrapperGenerator (driver-core test sources). Do not edit.\n")
        .append("package dev.borealis.jdbc.wrapper;\n\n")
        .append("import dev.borealis.jdbc.connection.LogicalConnection;\n")
        .append("import dev.borealis.jdbc.spi.JdbcMethod;\n")
        .append("import java.sql.*;\n\n")
        .append("/** Delegation for {@link ").append(spec.iface().getSimpleName())
        .append("}; hand-written behaviour lives in {@link ").append(spec.base().replaceAll("<.*", ""))
        .append("}. */\n")
        .append("@SuppressWarnings({\"deprecation\", \"unchecked\", \"overloads\"})\n")
        .append("public final class ").append(spec.className()).append(" extends ").append(spec.base())
        .append(" implements ").append(spec.iface().getSimpleName()).append(" {\n\n")
        .append("  public ").append(spec.className()).append('(').append(spec.ctorParams()).append(") {\n")
        .append("    super(").append(spec.superArgs()).append(");\n  }\n");
    for (Method m : methodsOf(spec.iface())) {
      if (!spec.handWritten().contains(signature(m))) {
        sb.append('\n');
        appendMethod(sb, spec, m);
      }
    }
    return sb.append("}\n").toString();
  }

  private static void appendMethod(StringBuilder sb, Spec spec, Method m) {
    Type[] params = m.getGenericParameterTypes();
    List<String> names = new ArrayList<>();
    List<String> decl = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      String n = "a" + i;
      names.add(n);
      decl.add(typeName(params[i]) + " " + n);
      passed.add(UNWRAPPED_ARGS.contains(m.getParameterTypes()[i]) ? "unwrapArg(" + n + ")" : n);
    }
    sb.append("  @Override\n  public ").append(typeParams(m)).append(typeName(m.getGenericReturnType())).append(' ')
        .append(m.getName()).append('(').append(String.join(", ", decl)).append(')').append(throwsClause(m))
        .append(" {\n");
    if (Statement.class.isAssignableFrom(spec.iface()) && m.getName().startsWith("execute")) {
      // A plain field write, so the driver knows a transaction may be open without intercepting every execute.
      sb.append("    owner.statementRan();\n");
    }
    String call = spec.target() + "." + m.getName() + "(" + String.join(", ", passed) + ")";
    boolean viaPipeline = Arrays.asList(m.getExceptionTypes()).contains(SQLException.class);
    if (!viaPipeline) {
      sb.append("    ").append(m.getReturnType() == void.class ? "" : "return ").append(call).append(";\n  }\n");
      return;
    }
    String constant = "JdbcMethod." + constantName(m);
    sb.append("    if (pipeline.direct(").append(constant).append(")) {\n");
    sb.append("      ").append(returnExpression(m, call)).append(";\n");
    if (m.getReturnType() == void.class) {
      sb.append("      return;\n");
    }
    sb.append("    }\n");
    String args = names.isEmpty() ? "NO_ARGS" : "new Object[] {" + String.join(", ", names) + "}";
    String lambda = m.getReturnType() == void.class ? "() -> {\n      " + call + ";\n      return null;\n    }"
        : "() -> " + call;
    String piped = "pipeline.call(" + constant + ", " + resultClass(m) + ", " + spec.target() + ", " + args + ", "
        + lambda + ")";
    if (m.getReturnType() == void.class) {
      sb.append("    ").append(piped).append(";\n  }\n");
    } else {
      String cast = m.getGenericReturnType() == Object.class ? "" : "(" + castType(m) + ") ";
      sb.append("    ").append(returnExpression(m, cast + piped)).append(";\n  }\n");
    }
  }

  private static String returnExpression(Method m, String call) {
    if (m.getReturnType() == void.class) {
      return call;
    }
    String wrap = WRAPPED_RESULTS.get(m.getReturnType());
    return "return " + (wrap == null ? call : wrap + "(" + call + ")");
  }

  private static String resultClass(Method m) {
    Class<?> r = m.getReturnType();
    if (r == void.class) {
      return "null";
    }
    return (r.isPrimitive() ? box(r) : r.getCanonicalName().replaceFirst("^java\\.(lang|sql)\\.(?=[A-Z])", ""))
        + ".class";
  }

  private static String castType(Method m) {
    Class<?> r = m.getReturnType();
    return r.isPrimitive() ? box(r) : typeName(m.getGenericReturnType());
  }

  private static String box(Class<?> primitive) {
    return switch (primitive.getName()) {
      case "int" -> "Integer";
      case "char" -> "Character";
      default -> primitive.getName().substring(0, 1).toUpperCase(Locale.ROOT) + primitive.getName().substring(1);
    };
  }

  private static String typeParams(Method m) {
    TypeVariable<Method>[] tv = m.getTypeParameters();
    if (tv.length == 0) {
      return "";
    }
    List<String> n = new ArrayList<>();
    for (TypeVariable<Method> t : tv) {
      List<String> bounds = new ArrayList<>();
      for (Type b : t.getBounds()) {
        if (b != Object.class) {
          bounds.add(typeName(b));
        }
      }
      n.add(t.getName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
    }
    return "<" + String.join(", ", n) + "> ";
  }

  private static String throwsClause(Method m) {
    Class<?>[] ex = m.getExceptionTypes();
    if (ex.length == 0) {
      return "";
    }
    List<String> n = new ArrayList<>();
    Arrays.stream(ex).sorted(Comparator.comparing(Class::getName)).forEach(c -> n.add(typeName(c)));
    return " throws " + String.join(", ", n);
  }

  static String typeName(Type t) {
    return t.getTypeName().replaceAll("\\bjava\\.(lang|sql)\\.(?=[A-Z])", "");
  }
}
