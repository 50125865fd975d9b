using System;

namespace Reactivation.Core.Decisions
{
    /// <summary>
    /// Counts, per thread, the work one event's decision must do only once: building the facts (the ledgers turned
    /// into day numbers), reading each ledger, and the next-change scan. Tests read it around one event (the local
    /// organisation runs synchronous steps on the caller's thread), so a regression that decides twice fails a test
    /// rather than only costing time. Thread-static: sandbox workers run executions concurrently.
    /// </summary>
    internal static class DecisionWork
    {
        [ThreadStatic] private static int _factsBuilt;
        [ThreadStatic] private static int _purchaseLedgersRead;
        [ThreadStatic] private static int _touchLedgersRead;
        [ThreadStatic] private static int _nextChangeScans;
        [ThreadStatic] private static int _scanEvaluations;

        public static int FactsBuilt => _factsBuilt;

        public static int PurchaseLedgersRead => _purchaseLedgersRead;

        public static int TouchLedgersRead => _touchLedgersRead;

        public static int NextChangeScans => _nextChangeScans;

        /// <summary>Ruleset evaluations the next-change scans made (a lifecycle, an offers, or a policy ruleset on one channel, on one day).</summary>
        public static int ScanEvaluations => _scanEvaluations;

        public static void Reset()
        {
            _factsBuilt = 0;
            _purchaseLedgersRead = 0;
            _touchLedgersRead = 0;
            _nextChangeScans = 0;
            _scanEvaluations = 0;
        }

        internal static void FactsBuild() => _factsBuilt++;

        internal static void PurchaseLedgerRead() => _purchaseLedgersRead++;

        internal static void TouchLedgerRead() => _touchLedgersRead++;

        internal static void NextChangeScan() => _nextChangeScans++;

        internal static void ScanEvaluation() => _scanEvaluations++;
    }
}
