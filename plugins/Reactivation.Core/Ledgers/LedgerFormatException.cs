using System;

namespace Reactivation.Core.Ledgers
{
    /// <summary>
    /// A stored ledger (rx_purchaseledger, rx_touchledger) that does not hold a ledger in the product's format —
    /// typically written by an import or a hand edit. The message names the column and what is wrong; ledgers hold
    /// instants, amounts and hashes only, so it carries no personal data.
    /// </summary>
    [Serializable]
    public sealed class LedgerFormatException : FormatException
    {
        public LedgerFormatException(string column, string problem)
            : base(column + " is not a ledger the product wrote: " + problem)
        {
            Column = column;
        }

        /// <summary>The column the ledger was read from.</summary>
        public string Column { get; }
    }
}
