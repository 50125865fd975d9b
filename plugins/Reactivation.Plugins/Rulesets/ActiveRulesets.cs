using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Lifecycle;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Rulesets
{
    /// <summary>
    /// The rulesets in force for one plugin step: the organisation's active rx_ruleset row of each kind the step
    /// uses, or the shipped default (<see cref="DefaultRulesets"/>) while there is none. A plugin holds one in an
    /// instance field: Dataverse keeps one plugin instance per step (and sandbox worker) and may call it on several
    /// threads at once, so the state sits behind a lock; nothing is static, because a static would be shared by
    /// every organisation the worker serves.
    /// <para>
    /// Zero extra round trips: the rows are read at most once per refresh interval on the organisation's clock
    /// (the execution's OperationCreatedOn), in one RetrieveMultiple as SYSTEM (every user's save must see the
    /// organisation's ruleset, whoever may read rx_ruleset); between refreshes an execution makes no request. The
    /// query brings the definitions along rather than versions first and definitions only on a change: unchanged,
    /// both cost one round trip; changed, that would cost two, to save a few kilobytes (at most one row per kind).
    /// Definitions are parsed through Core's <see cref="RulesetCache"/>, keyed by content, so reading the same
    /// version again parses nothing.
    /// </para>
    /// <para>
    /// A broken ruleset never blocks a save: an active row whose definition does not load (written past the
    /// validation step, e.g. by an import or a data migration), whose definition is another kind than its rx_kind,
    /// or a failed query keeps the last valid ruleset of the kind in force (the shipped default if there was none)
    /// and traces the row and its first error. Two active rows of a kind (the activation step prevents it, an
    /// import may not): the highest rx_version wins, then the latest modifiedon, then the highest id; traced.
    /// </para>
    /// The refresh interval is the step's <c>rulesetRefreshSeconds</c> (<see cref="StepSettings"/>).
    /// </summary>
    public sealed class ActiveRulesets
    {
        private readonly object _gate = new object();
        private readonly RulesetKind[] _kinds;
        private readonly RulesetInForce[] _inForce;
        private readonly TimeSpan _refreshInterval;
        private DateTime? _refreshedOn;

        /// <param name="refreshInterval">How long rows read stay in force before they are read again (the step's settings).</param>
        /// <param name="kinds">The kinds of ruleset the plugin evaluates: only these are read.</param>
        public ActiveRulesets(TimeSpan refreshInterval, params RulesetKind[] kinds)
        {
            _kinds = kinds ?? throw new ArgumentNullException(nameof(kinds));
            _refreshInterval = refreshInterval;
            _inForce = new RulesetInForce[kinds.Length];
            for (var i = 0; i < kinds.Length; i++)
            {
                _inForce[i] = RulesetInForce.ShippedDefault(kinds[i]);
            }
        }

        /// <summary>
        /// The ruleset of <paramref name="kind"/> in force for this execution, after reading the active rows when
        /// the refresh interval has passed. Never throws for a missing or broken ruleset, nor for a failed read.
        /// </summary>
        /// <exception cref="ArgumentException">The plugin did not name <paramref name="kind"/> when it made this cache.</exception>
        public RulesetInForce Get(PluginContext context, RulesetKind kind)
        {
            var index = Array.IndexOf(_kinds, kind);
            if (index < 0) throw new ArgumentException("This plugin's rulesets do not include the " + kind + " kind.", nameof(kind));

            var now = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            lock (_gate)
            {
                // A clock that went back (another simulation, a restored organisation) reads again too.
                if (_refreshedOn is not { } last || now < last || now - last >= _refreshInterval)
                {
                    // Held while reading: an execution arriving meanwhile waits for the fresh rows instead of
                    // deciding with a ruleset the organisation has already replaced.
                    Refresh(context, now);
                }

                return _inForce[index];
            }
        }

        private void Refresh(PluginContext context, DateTime now)
        {
            // Set before the read: a failing read is retried after the interval, not on every execution.
            _refreshedOn = now;
            DataCollection<Entity> rows;
            try
            {
                rows = context.SystemService.RetrieveMultiple(Query()).Entities;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException || ex is StackOverflowException))
            {
                // Inside a transaction the platform may still roll the operation back; outside one the save goes on.
                context.Trace.Write($"Active rulesets could not be read, the last valid ones stay in force (retried in {(int)_refreshInterval.TotalSeconds} s): {TraceValue.Failure(ex)}");
                return;
            }

            for (var i = 0; i < _kinds.Length; i++)
            {
                var kindValue = RulesetColumns.Kinds.ValueOf(_kinds[i]);
                Entity? chosen = null;
                var active = 0;
                foreach (var row in rows)
                {
                    if (row.GetAttributeValue<OptionSetValue>(RulesetColumns.Kind)?.Value != kindValue) continue;
                    active++;
                    chosen ??= row; // the query's order: highest version, latest modified, highest id
                }

                if (chosen is null)
                {
                    _inForce[i] = RulesetInForce.ShippedDefault(_kinds[i]);
                }
                else
                {
                    if (active > 1)
                    {
                        context.Trace.Write($"{active} active {TraceValue.Name(_kinds[i].ToString())} rulesets: using row {chosen.Id} (highest version, then latest modified); switch the others off");
                    }

                    _inForce[i] = Load(context, chosen, _kinds[i], _inForce[i]);
                }

                var inForce = _inForce[i];
                if (inForce.RowId is { } id)
                {
                    context.Trace.Write($"Ruleset {TraceValue.Name(_kinds[i].ToString())} in force: row {id} {TraceValue.Name(inForce.Name)} version {inForce.Version.GetValueOrDefault()}");
                }
                else
                {
                    context.Trace.Write($"Ruleset {TraceValue.Name(_kinds[i].ToString())} in force: the shipped default");
                }
            }
        }

        private static RulesetInForce Load(PluginContext context, Entity row, RulesetKind kind, RulesetInForce last)
        {
            var name = row.GetAttributeValue<string>(RulesetColumns.Name);
            var version = row.GetAttributeValue<int?>(RulesetColumns.Version) ?? 0;
            var definition = row.GetAttributeValue<string>(RulesetColumns.Definition);
            var file = string.IsNullOrWhiteSpace(name) ? RulesetColumns.Table : name.Trim();
            if (string.IsNullOrWhiteSpace(definition))
            {
                context.Trace.Write($"Active {TraceValue.Name(kind.ToString())} ruleset row {row.Id} {TraceValue.Name(file)} version {version} is not used, the last valid one stays in force: it has no definition");
                return last;
            }

            var result = RulesetCache.GetOrLoad(definition, file);
            if (result.Ruleset is null)
            {
                var first = FirstError(result.Diagnostics);
                context.Trace.Write($"Active {TraceValue.Name(kind.ToString())} ruleset row {row.Id} {TraceValue.Name(file)} version {version} is not used, the last valid one stays in force: {TraceValue.Name(first.Code)} at line {first.Line}, column {first.Column}, rule {TraceValue.Name(first.RuleName ?? "(none)")}: {TraceValue.Name(first.Message.TrimEnd('.'))}. Correct the definition and save the row: the validation step lists every error");
                return last;
            }

            if (result.Ruleset.Kind != kind)
            {
                context.Trace.Write($"Active {TraceValue.Name(kind.ToString())} ruleset row {row.Id} {TraceValue.Name(file)} version {version} is not used, the last valid one stays in force: its definition is a {TraceValue.Name(result.Ruleset.Kind.ToString())} ruleset (WorkflowName {TraceValue.Name(result.Ruleset.WorkflowName)})");
                return last;
            }

            return new RulesetInForce(kind, result.Ruleset, row.Id, file, version);
        }

        private QueryExpression Query()
        {
            var query = new QueryExpression(RulesetColumns.Table)
            {
                ColumnSet = new ColumnSet(RulesetColumns.Kind, RulesetColumns.Version, RulesetColumns.Name, RulesetColumns.Definition),
            };
            query.Criteria.AddCondition(RulesetColumns.IsActive, ConditionOperator.Equal, true);
            var kindValues = new object[_kinds.Length];
            for (var i = 0; i < _kinds.Length; i++) kindValues[i] = RulesetColumns.Kinds.ValueOf(_kinds[i]);
            query.Criteria.AddCondition(RulesetColumns.Kind, ConditionOperator.In, kindValues);
            query.AddOrder(RulesetColumns.Version, OrderType.Descending);
            query.AddOrder(RulesetColumns.ModifiedOn, OrderType.Descending);
            query.AddOrder(RulesetColumns.Id, OrderType.Descending);
            return query;
        }

        private static RulesetDiagnostic FirstError(IReadOnlyList<RulesetDiagnostic> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error) return diagnostic;
            }

            // A load without a ruleset always reports an error; this only keeps the compiler sure of it.
            return diagnostics[0];
        }
    }

    /// <summary>One ruleset in force: an active rx_ruleset row's (id, name, version), or the shipped default.</summary>
    public sealed class RulesetInForce
    {
        internal RulesetInForce(RulesetKind kind, Ruleset ruleset, Guid? rowId, string? name, int? version)
        {
            Kind = kind;
            Ruleset = ruleset;
            RowId = rowId;
            Name = name;
            Version = version;
        }

        public RulesetKind Kind { get; }

        public Ruleset Ruleset { get; }

        /// <summary>The rx_ruleset row; null for the shipped default.</summary>
        public Guid? RowId { get; }

        /// <summary>The row's rx_name; null for the shipped default.</summary>
        public string? Name { get; }

        /// <summary>The row's rx_version; null for the shipped default.</summary>
        public int? Version { get; }

        internal static RulesetInForce ShippedDefault(RulesetKind kind)
        {
            // The embedded files' names, as rules/default/ has them, name the file in a diagnostic.
            var ruleset = kind switch
            {
                RulesetKind.ContactPolicy => RulesetCache.Get(DefaultRulesets.ContactPolicy, "contact-policy.json"),
                RulesetKind.Offers => RulesetCache.Get(DefaultRulesets.Offers, "offers.json"),
                _ => RulesetCache.Get(DefaultRulesets.Lifecycle, "lifecycle.json"),
            };
            return new RulesetInForce(kind, ruleset, null, null, null);
        }
    }
}
