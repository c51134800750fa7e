package dev.borealis.cluster.server.admin;

/** A request head that passed {@link RequestGuard} and matched a route: its body may be read and the route run. */
record Admitted(RequestHead head, Router.Matched route) {
}
