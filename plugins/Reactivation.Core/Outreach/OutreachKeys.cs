using System;
using System.Globalization;
using System.Text;
using Reactivation.Core.Rules;

namespace Reactivation.Core.Outreach
{
    /// <summary>
    /// The deterministic keys that make outreach idempotent: the same contact, rule and period always give
    /// the same attempt key, activity ids, message keys, incentive code and touch reference, so a replayed
    /// or repeated event writes the same rows instead of new ones. Everything comes from SHA-256 (Core's
    /// sandbox-safe <see cref="RulesetCache.Hash"/>: the managed implementation on .NET Framework).
    /// </summary>
    public static class OutreachKeys
    {
        // Crockford's base 32: no I, L, O or U, so a code read out over the phone cannot be mistyped as another.
        private const string Base32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

        /// <summary><c>&lt;contactid&gt;|&lt;rule&gt;|&lt;period&gt;</c>, the period being the org-local date the stage began (yyyyMMdd).</summary>
        public static string Attempt(Guid contactId, string ruleName, DateTime periodDate) =>
            contactId.ToString("D") + "|" + ruleName + "|" + periodDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        /// <summary>The key a later step of an open attempt derives its actions and incentive from: the attempt's id and the step.</summary>
        public static string Continuation(Guid attemptId, string step) => attemptId.ToString("D") + "|" + step;

        /// <summary>
        /// The step as the keys of its actions name it: the step's name, and for the second and later follow-ups their
        /// number too (FollowUp, FollowUp2, FollowUp3, ...), so each rung of the escalation writes rows of its own.
        /// </summary>
        public static string Step(Attempts.AttemptStep step, int followUp) =>
            step == Attempts.AttemptStep.FollowUp && followUp > 1 ? "FollowUp" + followUp.ToString(CultureInfo.InvariantCulture) : step.ToString();

        /// <summary>The key of one action of an attempt: <c>&lt;attempt key&gt;|&lt;step&gt;|&lt;kind&gt;</c> (kind: PhoneCall, Task, Message).</summary>
        public static string Action(string attemptKey, string step, string kind) => attemptKey + "|" + step + "|" + kind;

        /// <summary>
        /// A name-based GUID for a row without an alternate key (task, phonecall): the first 16 bytes of the
        /// SHA-256 of the name, with the RFC 4122 variant and version 5 bits set (version 5 is SHA-1 by the
        /// RFC; the bits only say "name-based", the hash is the product's own).
        /// </summary>
        public static Guid NameBasedId(string name)
        {
            var hex = RulesetCache.Hash("rx-outreach:" + name);
            var bytes = new byte[16];
            for (var i = 0; i < 16; i++) bytes[i] = (byte)((HexDigit(hex[i * 2]) << 4) | HexDigit(hex[(i * 2) + 1]));
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }

        /// <summary>The mark a touch carries in the T1 ledger: the first 8 hex digits of the SHA-256 of the action key.</summary>
        public static string TouchReference(string actionKey) => RulesetCache.Hash(actionKey).Substring(0, 8);

        /// <summary>A human-typable incentive code: <c>RX-</c> and 8 base-32 characters (40 bits) of the SHA-256 of the attempt key.</summary>
        public static string IncentiveCode(string attemptKey)
        {
            var hex = RulesetCache.Hash("rx-incentive:" + attemptKey);
            ulong bits = 0;
            for (var i = 0; i < 10; i++) bits = (bits << 4) | (uint)HexDigit(hex[i]);
            var code = new StringBuilder("RX-", 11);
            for (var i = 7; i >= 0; i--) code.Append(Base32[(int)((bits >> (i * 5)) & 31)]);
            return code.ToString();
        }

        // Hash gives lower-case hex.
        private static int HexDigit(char c) => c <= '9' ? c - '0' : c - 'a' + 10;
    }
}
