using System;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;

namespace Reactivation.Core.Outreach
{
    /// <summary>
    /// When the outreach step should next try a contact that no contact change will bring to it — the contact's
    /// rx_outreachdueon, and rx_outreachsignalledon, when the daily evaluation last told the outreach step so. The one
    /// general "try this contact on or after this instant" of the product: a contact created already dormant or stamped
    /// dormant by the initialisation is due at once; a retry when a block lifts is due when it lifts. Whoever sets it,
    /// the same three things follow:
    /// <list type="number">
    /// <item>the next evaluation date is never later than a pending due (<see cref="Pending"/>), so the daily
    /// evaluation's one query of due contacts finds the contact on the first run on or after it;</item>
    /// <item>that run signals it (<see cref="Signal"/>: rx_outreachsignalledon = the run's instant, a column the outreach
    /// step filters on), as it signals a passed attempt deadline; a signalled due is no longer pending, so a replayed
    /// run signals nothing twice;</item>
    /// <item>the outreach step decides what the contact gets (<see cref="OutreachEvent.OutreachDue"/>): a start, or a
    /// decided "nothing to do", clears it (<see cref="Cleared"/>); a writer that wants another try later sets a later
    /// due instead.</item>
    /// </list>
    /// Immutable and pure, like <see cref="ReactivationAttempt"/>.
    /// </summary>
    public sealed class OutreachDue
    {
        public OutreachDue(DateTime? dueOn, DateTime? signalledOn)
        {
            DueOn = dueOn;
            SignalledOn = signalledOn;
        }

        /// <summary>Nothing due, never signalled.</summary>
        public static OutreachDue None { get; } = new OutreachDue(null, null);

        /// <summary>When the outreach step should try the contact; null when nothing is due.</summary>
        public DateTime? DueOn { get; }

        /// <summary>When the daily evaluation last signalled a due that had come.</summary>
        public DateTime? SignalledOn { get; }

        /// <summary>The due the daily evaluation still has to signal: set, and not signalled since it came (a signal at or after it).</summary>
        public DateTime? Pending =>
            DueOn.HasValue && !(SignalledOn.HasValue && SignalledOn.Value >= DueOn.Value) ? DueOn : null;

        /// <summary>A pending due that has come by <paramref name="utcNow"/>.</summary>
        public bool HasCome(DateTime utcNow) => Pending is { } due && due <= utcNow;

        /// <summary>The daily evaluation tells the outreach step at <paramref name="utcNow"/>; null when nothing due has come.</summary>
        public OutreachDue? Signal(DateTime utcNow) => HasCome(utcNow) ? new OutreachDue(DueOn, utcNow) : null;

        /// <summary>
        /// Due at <paramref name="dueOn"/> (a day on which the outreach step would decide differently, found by the next-change
        /// scan), unless a due at or before it is pending already: the earlier one stands, and the scan then runs again.
        /// </summary>
        public OutreachDue AtLatest(DateTime dueOn) => Pending is { } pending && pending <= dueOn ? this : new OutreachDue(dueOn, SignalledOn);

        /// <summary>The outreach step acted on it: nothing is due any more (the signal stays as history).</summary>
        public OutreachDue Cleared() => DueOn.HasValue ? new OutreachDue(null, SignalledOn) : this;

        /// <summary>
        /// What an event that no outreach step follows (the Create of a contact, its initialisation) leaves due: a contact in a
        /// stage that starts outreach, carrying no attempt started in its current stage stint, is due at
        /// <paramref name="utcNow"/> — unless a due that has come is pending already (it stands). Otherwise the due stays.
        /// </summary>
        /// <param name="stage">The stage the contact holds after the event.</param>
        /// <param name="stintStartedOn">When that stage began (the event's instant when the event changes it); null when unknown.</param>
        /// <param name="open">The open attempt the contact carries.</param>
        public OutreachDue ForUnattended(LifecycleStage? stage, DateTime? stintStartedOn, ReactivationAttempt? open, OutreachSettings settings, DateTime utcNow)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            // A due still to come (an offer's day, a retry) does not stand in for outreach now.
            if (!settings.StartsOutreach(stage) || (Pending is { } pending && pending <= utcNow)) return this;
            var attemptInStint = open is not null && open.IsOpen && open.StartedOn.HasValue && stintStartedOn.HasValue && open.StartedOn.Value >= stintStartedOn.Value;
            return attemptInStint ? this : new OutreachDue(utcNow, SignalledOn);
        }
    }
}
