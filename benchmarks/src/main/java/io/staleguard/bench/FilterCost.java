package io.staleguard.bench;

/** Placeholder until this part is written. */
final class FilterCost implements Part {

    @Override
    public Section run(Mode mode) {
        throw new UnsupportedOperationException("FilterCost is not written yet");
    }
}
