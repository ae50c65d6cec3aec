package io.staleguard.bench;

/** One part of the report: measures something and describes it as a {@link Section}. */
interface Part {

    /** How long a part may take. */
    enum Mode {
        /** A few seconds at most: proves the part still runs (the default build's smoke test). Numbers mean nothing. */
        SMOKE,
        /** The real measurement, for {@code RESULTS.md}. */
        FULL
    }

    /**
     * @param mode how long to measure
     * @return what was measured, with the targets it was held against
     * @throws Exception if the part could not run; the report then says so in its place
     */
    Section run(Mode mode) throws Exception;
}
