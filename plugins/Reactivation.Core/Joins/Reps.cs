using System;

namespace Reactivation.Core.Joins
{
    /// <summary>A rep whose calls per day are limited: the business declares how many calls they make a day.</summary>
    public sealed class RepCapacity
    {
        public RepCapacity(Guid rep, int callsPerDay)
        {
            if (callsPerDay < 1)
            {
                // A limit of 0 would leave their calls nowhere to go without an overflow team: the capacity rule
                // moves a call to the next day with room, and there would never be one.
                throw new ArgumentException("Rep " + rep.ToString("D") + ": calls per day must be at least 1 (got " + callsPerDay + "); a rep who takes no calls should not own customers' calls.", nameof(callsPerDay));
            }

            Rep = rep;
            CallsPerDay = callsPerDay;
        }

        public Guid Rep { get; }
        public int CallsPerDay { get; }
    }

    /// <summary>Calls a rep already has on a day (open phone calls due that day, written before this page).</summary>
    public sealed class RepLoad
    {
        public RepLoad(Guid rep, DateTime day, int calls)
        {
            if (calls < 0) throw new ArgumentException("Rep " + rep.ToString("D") + ": the load on " + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " cannot be negative (got " + calls + ").", nameof(calls));
            Rep = rep;
            Day = day.Date;
            Calls = calls;
        }

        public Guid Rep { get; }
        public DateTime Day { get; }
        public int Calls { get; }
    }

    /// <summary>A team that takes the calls reps at capacity cannot make (a queue: no per-day limit).</summary>
    public sealed class JoinTeam
    {
        public JoinTeam(Guid id, string name)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("The overflow team needs its name.", nameof(name));
            Id = id;
            Name = name;
        }

        public Guid Id { get; }
        public string Name { get; }
    }
}
