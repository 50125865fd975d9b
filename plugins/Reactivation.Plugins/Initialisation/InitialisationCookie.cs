using System;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Initialisation
{
    /// <summary>
    /// The paging cookie of rx_InitialiseContacts: <c>I1|&lt;last contactid&gt;</c> (empty before the first row). A key, not a
    /// page number: every initialised contact leaves the set the query reads (it gets rx_initialisedon), while a contact
    /// left out for a problem stays in it, so only a key skips nothing and repeats nothing. Opaque to callers.
    /// </summary>
    internal sealed class InitialisationCookie
    {
        private const string Tag = "I1";

        private InitialisationCookie(Guid? lastId)
        {
            LastId = lastId;
        }

        /// <summary>The last contact the run read; null for the first call of a run.</summary>
        public Guid? LastId { get; }

        /// <summary>No cookie in: the first call of a run.</summary>
        public bool StartsRun { get; private set; }

        /// <exception cref="InvalidPluginExecutionException">The cookie is not one this API wrote.</exception>
        public static InitialisationCookie Parse(string? cookie)
        {
            if (string.IsNullOrEmpty(cookie)) return new InitialisationCookie(null) { StartsRun = true };
            var parts = cookie!.Split('|');
            if (parts.Length == 2 && parts[0] == Tag)
            {
                if (parts[1].Length == 0) return new InitialisationCookie(null);
                if (Guid.TryParse(parts[1], out var id)) return new InitialisationCookie(id);
            }

            throw new InvalidPluginExecutionException("rx_InitialiseContacts: the PagingCookie is not one this API returned. Pass the PagingCookie of the previous response unchanged, or none to start a run.");
        }

        /// <summary>The same run, continuing after this contact.</summary>
        public static InitialisationCookie After(Guid id) => new InitialisationCookie(id);

        public string Format() => Tag + "|" + (LastId?.ToString("D") ?? "");
    }
}
