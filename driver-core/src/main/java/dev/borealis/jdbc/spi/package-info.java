/**
 * Extension points for dialect modules and plugin authors: {@link dev.borealis.jdbc.spi.TargetEngine},
 * {@link dev.borealis.jdbc.spi.Dialect}, {@link dev.borealis.jdbc.spi.PluginFactory} and the types they exchange.
 * Everything here is discovered with {@link java.util.ServiceLoader}; core never names an implementation.
 */
package dev.borealis.jdbc.spi;
