using System;
using System.IO;
using System.Text;

namespace Reactivation.Plugins.Lifecycle
{
    /// <summary>
    /// The shipped rulesets (rules/default/*.json), embedded in this assembly: they apply when the
    /// organisation has no active rx_ruleset row of a kind. Read from the manifest once per process
    /// (static read-only text is allowed in the sandbox); parsed once per content by Core's RulesetCache.
    /// </summary>
    public static class DefaultRulesets
    {
        public static readonly string Lifecycle = Read("lifecycle.json");
        public static readonly string ContactPolicy = Read("contact-policy.json");
        public static readonly string Offers = Read("offers.json");

        private static string Read(string file)
        {
            var name = "Reactivation.Rules.default." + file;
            using (var stream = typeof(DefaultRulesets).Assembly.GetManifestResourceStream(name))
            {
                if (stream is null) throw new InvalidOperationException("The embedded ruleset '" + name + "' is missing from the plugin assembly.");
                using (var reader = new StreamReader(stream, Encoding.UTF8))
                {
                    return reader.ReadToEnd();
                }
            }
        }
    }
}
