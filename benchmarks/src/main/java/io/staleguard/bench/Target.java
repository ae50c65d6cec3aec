package io.staleguard.bench;

/**
 * A target from the benchmarks issue and what this run measured against it.
 *
 * @param what what is measured, e.g. "pass-through overhead"
 * @param goal the target, e.g. "≤ 100 ns/op, 0 B/op"
 * @param measured this run's number(s), e.g. "23 ns/op, 0 B/op"
 * @param met whether the measurement meets the goal
 */
record Target(String what, String goal, String measured, boolean met) {
}
