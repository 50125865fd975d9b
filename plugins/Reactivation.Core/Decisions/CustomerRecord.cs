using System;
using Reactivation.Core.Attempts;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;

namespace Reactivation.Core.Decisions
{
    /// <summary>
    /// The contact as the product stores it, read once from its row: the facts' plain inputs (each ledger parsed once),
    /// the touch ledger with its references, the stored verdict (stage, next evaluation), the open attempt it carries,
    /// its language and time zones. What a decision starts from; it holds no Dataverse type.
    /// </summary>
    public sealed class CustomerRecord
    {
        public CustomerRecord(Guid contactId, CustomerFactsInput facts, TouchLedger touches, FixedOffsetZone organisation)
        {
            ContactId = contactId;
            Facts = facts ?? throw new ArgumentNullException(nameof(facts));
            Touches = touches ?? throw new ArgumentNullException(nameof(touches));
            Organisation = organisation ?? throw new ArgumentNullException(nameof(organisation));
            Customer = organisation;
        }

        public Guid ContactId { get; }

        /// <summary>The facts' inputs; the decision fills the attempt's facts from <see cref="OpenAttempt"/> as the event needs.</summary>
        public CustomerFactsInput Facts { get; }

        public TouchLedger Touches { get; }

        public FixedOffsetZone Organisation { get; }

        /// <summary>The customer's time zone (their stored offset), for send windows; the organisation's when unknown.</summary>
        public FixedOffsetZone Customer { get; set; }

        /// <summary>The stage the row holds; null when none (or not a stage the product knows).</summary>
        public LifecycleStage? Stage { get; set; }

        /// <summary>The octant the row holds (rx_octant); empty when none.</summary>
        public string Octant { get; set; } = "";

        /// <summary>The next evaluation date the row holds, to tell whether a decision changes it.</summary>
        public DateTime? NextEvaluationOn { get; set; }

        /// <summary>The last response the response steps recorded on the contact (kept as history when no attempt is open).</summary>
        public DateTime? ResponseRecordedOn { get; set; }

        /// <summary>When the daily evaluation last signalled a passed deadline on the contact.</summary>
        public DateTime? DeadlineSignalledOn { get; set; }

        /// <summary>The open attempt the contact carries; null without one.</summary>
        public ReactivationAttempt? OpenAttempt { get; set; }

        /// <summary>When the outreach step should next try the contact (rx_outreachdueon) and when that was last signalled.</summary>
        public OutreachDue OutreachDue { get; set; } = OutreachDue.None;

        /// <summary>"en" or "zh-CN": the language of the texts the customer and the rep read.</summary>
        public string Language { get; set; } = "en";
    }
}
