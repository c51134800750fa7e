package dev.borealis.cluster.junit;

import dev.borealis.cluster.Cluster;
import dev.borealis.cluster.server.ClusterServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Registered by {@link EmbeddedCluster}. Finds which cluster a test uses (the method's own, a fresh
 * one per method, or the class's), starts it on first use in the owning context's store, so JUnit
 * closes it when that context ends, and injects it into fields and parameters.
 *
 * <p>Where a cluster lives: a method annotation, or a class annotation with
 * {@link EmbeddedCluster.Lifecycle#PER_METHOD}, keeps it in the test method's context; a class
 * annotation otherwise keeps it in the nearest annotated class's context (shared by its tests and
 * {@code @Nested} classes, also when JUnit runs them in parallel: the store starts it once).
 */
public final class EmbeddedClusterExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedClusterExtension.class);
    private static final String CLASS_KEY = "class-cluster";
    private static final String METHOD_KEY = "method-cluster";

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (hasFields(testClass, Modifier::isStatic)) {
            ServedCluster cluster = clusterFor(context, "static fields of " + testClass.getName());
            inject(testClass, null, cluster, Modifier::isStatic);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ServedCluster cluster = clusterFor(context, "test " + context.getDisplayName());
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            inject(instance.getClass(), instance, cluster, m -> !Modifier.isStatic(m));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ServedCluster.class || type == Cluster.class || type == ClusterServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ServedCluster cluster = clusterFor(context, "parameter " + parameter.getParameter() + " of "
                + parameter.getDeclaringExecutable());
        Class<?> type = parameter.getParameter().getType();
        if (type == Cluster.class) {
            return cluster.cluster();
        }
        return type == ClusterServer.class ? cluster.server() : cluster;
    }

    // ---------------------------------------------------------------- which cluster

    private static ServedCluster clusterFor(ExtensionContext context, String user) {
        Optional<Method> method = context.getTestMethod();
        Optional<EmbeddedCluster> onMethod = method.flatMap(m -> AnnotationSupport.findAnnotation(m, EmbeddedCluster.class));
        if (onMethod.isPresent()) {
            if (onMethod.get().lifecycle() == EmbeddedCluster.Lifecycle.PER_CLASS) {
                throw new ExtensionConfigurationException("@EmbeddedCluster on method " + method.get().getName()
                        + " cannot have lifecycle PER_CLASS; put it on the class instead");
            }
            return stored(context, METHOD_KEY, onMethod.get(), method.get().getName());
        }
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            if (c.getTestMethod().isPresent() || c.getTestClass().isEmpty()) {
                continue;
            }
            Class<?> testClass = c.getRequiredTestClass();
            Optional<EmbeddedCluster> onClass = AnnotationSupport.findAnnotation(testClass, EmbeddedCluster.class);
            if (onClass.isPresent()) {
                return onClass.get().lifecycle() == EmbeddedCluster.Lifecycle.PER_METHOD
                        ? perMethod(context, onClass.get(), testClass, user)
                        : stored(c, CLASS_KEY, onClass.get(), testClass.getSimpleName());
            }
        }
        throw new ExtensionConfigurationException("no @EmbeddedCluster on " + user + " or its class; "
                + "annotate the class or the method to get a cluster injected");
    }

    private static ServedCluster perMethod(ExtensionContext context, EmbeddedCluster spec, Class<?> testClass, String user) {
        Optional<Method> method = context.getTestMethod();
        if (method.isEmpty()) {
            throw new ExtensionConfigurationException("@EmbeddedCluster(lifecycle = PER_METHOD) on "
                    + testClass.getName() + " gives each test method its own cluster, so " + user
                    + " (outside a test method) has none; use PER_CLASS or inject it in the test or @BeforeEach");
        }
        return stored(context, METHOD_KEY, spec, method.get().getName());
    }

    private static ServedCluster stored(ExtensionContext owner, String key, EmbeddedCluster spec, String testName) {
        ExtensionContext.Store store = owner.getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(key, k -> new Resource(ClusterLauncher.start(spec, testName)), Resource.class)
                .cluster;
    }

    /** Closed by JUnit when the owning context ends (as AutoCloseable on 5.13+, as CloseableResource before). */
    @SuppressWarnings("deprecation")
    private static final class Resource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final ServedCluster cluster;

        Resource(ServedCluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public void close() {
            cluster.close();
        }
    }

    // ---------------------------------------------------------------- field injection

    private static boolean hasFields(Class<?> type, Predicate<Integer> modifiers) {
        return !ReflectionSupport.findFields(type, f -> isTarget(f, modifiers), HierarchyTraversalMode.TOP_DOWN).isEmpty();
    }

    private static void inject(Class<?> type, Object instance, ServedCluster cluster, Predicate<Integer> modifiers) {
        for (Field field : ReflectionSupport.findFields(type, f -> isTarget(f, modifiers), HierarchyTraversalMode.TOP_DOWN)) {
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("field " + type.getSimpleName() + "." + field.getName()
                        + " is final; the cluster cannot be injected into it");
            }
            try {
                field.setAccessible(true);
                field.set(instance, value(field.getType(), cluster));
            } catch (IllegalAccessException | RuntimeException e) {
                throw new ExtensionConfigurationException("cannot inject the cluster into field " + type.getSimpleName()
                        + "." + field.getName() + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean isTarget(Field field, Predicate<Integer> modifiers) {
        Class<?> type = field.getType();
        return (type == ServedCluster.class || type == Cluster.class || type == ClusterServer.class)
                && modifiers.test(field.getModifiers());
    }

    private static Object value(Class<?> type, ServedCluster cluster) {
        if (type == Cluster.class) {
            return cluster.cluster();
        }
        return type == ClusterServer.class ? cluster.server() : cluster;
    }
}
