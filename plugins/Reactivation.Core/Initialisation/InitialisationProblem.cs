using System;

namespace Reactivation.Core.Initialisation
{
    /// <summary>Why the initialisation leaves a row out.</summary>
    public enum InitialisationFault
    {
        /// <summary>A stored ledger (rx_purchaseledger, rx_touchledger) is not one the product wrote.</summary>
        UnreadableLedger,
        /// <summary>The contact has no owner: its reps' calls and tasks would have no one to work them.</summary>
        NoOwner,
        /// <summary>An order is in another currency than the organisation's base currency.</summary>
        OtherCurrency,
        /// <summary>An order older than the stored ledger's summary, which keeps no references: it may be counted there already.</summary>
        MaybeSummarised,
        /// <summary>An order has no customer: it belongs to no contact's history.</summary>
        NoCustomer,
        /// <summary>The organisation's base currency could not be read, so order currencies were not checked.</summary>
        BaseCurrencyUnknown,
    }

    /// <summary>
    /// One row the initialisation reports: the table, the row's id and what is wrong, in words an admin acts on. Never a
    /// value from the row (no name, phone, e-mail, nor the text of a broken ledger, which an import may have filled with
    /// anything): ids, column and table names only.
    /// </summary>
    public sealed class InitialisationProblem
    {
        private InitialisationProblem(string table, Guid id, InitialisationFault fault, string text)
        {
            Table = table;
            Id = id;
            Fault = fault;
            Text = text;
        }

        public string Table { get; }

        public Guid Id { get; }

        public InitialisationFault Fault { get; }

        /// <summary>What is wrong and what follows from it.</summary>
        public string Text { get; }

        public static InitialisationProblem UnreadableLedger(Guid contactId, string column) =>
            new InitialisationProblem("contact", contactId, InitialisationFault.UnreadableLedger,
                column + " is not a ledger the product wrote (formats in the solution README); the contact is not initialised until the column is cleared or corrected.");

        public static InitialisationProblem NoOwner(Guid contactId) =>
            new InitialisationProblem("contact", contactId, InitialisationFault.NoOwner,
                "has no owner, so the calls and tasks of its outreach would have no one to work them; the contact is not initialised until it is assigned.");

        public static InitialisationProblem OtherCurrency(Guid orderId, Guid contactId, Guid currencyId, Guid baseCurrencyId) =>
            new InitialisationProblem("salesorder", orderId, InitialisationFault.OtherCurrency,
                "is in currency " + currencyId.ToString("D") + ", not the organisation's base currency " + baseCurrencyId.ToString("D")
                + "; its contact " + contactId.ToString("D") + " is not initialised, so that no total mixes currencies.");

        public static InitialisationProblem MaybeSummarised(Guid orderId, Guid contactId, string ledgerColumn) =>
            new InitialisationProblem("salesorder", orderId, InitialisationFault.MaybeSummarised,
                "is older than the summary of contact " + contactId.ToString("D") + "'s " + ledgerColumn
                + ", which keeps no order references, so it may be counted there already; the contact is not initialised (clear the column to rebuild it from the orders).");

        public static InitialisationProblem NoCustomer(Guid orderId) =>
            new InitialisationProblem("salesorder", orderId, InitialisationFault.NoCustomer,
                "has no customer, so it belongs to no contact's purchase history; it is left out.");

        public static InitialisationProblem BaseCurrencyUnknown(Guid organizationId) =>
            new InitialisationProblem("organization", organizationId, InitialisationFault.BaseCurrencyUnknown,
                "has no readable base currency (basecurrencyid), so order currencies were not checked.");

        /// <summary><c>&lt;table&gt; &lt;id&gt;: &lt;what is wrong&gt;</c>, one line of the report.</summary>
        public override string ToString() => Table + " " + Id.ToString("D") + ": " + Text;
    }
}
