using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Attempts;
using Reactivation.Core.Facts;
using Reactivation.Core.Measurement;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Reporting
{
    /// <summary>
    /// Custom API rx_ReactivationReport (global function, main operation at stage 30): the reactivation report over the
    /// attempts started from From to To, computed by Core (<see cref="ReactivationReport"/>) from the rows, a page per
    /// call. The attempts come first, ordered by contact so a page never splits a customer's stage stints (a full page
    /// ends before its last contact, who starts the next page), then the outbox messages of those attempts for the funnel.
    /// Each call reads one page (one RetrieveMultiple) and hands the partial sums on in PagingCookie; the call that reads
    /// the last page returns Report (JSON) with MoreRecords false. Reads as SYSTEM, writes nothing.
    /// <para>
    /// Request: From, To (DateTime, required: the attempts started in that range), PageSize (Integer, 1–5000, default
    /// 2000), PagingCookie (String), UtcOffsetMinutes (Integer: the organisation's offset, for attempts written before
    /// their window was stored). Response: Read, MoreRecords, PagingCookie, Report (empty until the last call).
    /// </para>
    /// </summary>
    public sealed class ReactivationReportPlugin : PluginBase
    {
        public const string ApiName = "rx_ReactivationReport";
        public const string FromParameter = "From";
        public const string ToParameter = "To";
        public const string PageSizeParameter = ApiInputs.PageSizeParameter;
        public const string PagingCookieParameter = "PagingCookie";
        public const string UtcOffsetParameter = ApiInputs.UtcOffsetParameter;
        public const string ReadProperty = "Read";
        public const string MoreRecordsProperty = "MoreRecords";
        public const string PagingCookieProperty = "PagingCookie";
        public const string ReportProperty = "Report";
        public const int DefaultPageSize = 2000;
        public const int MaxPageSize = 5000;


        private const string AttemptAlias = "attempt";

        public ReactivationReportPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var from = Instant(context, FromParameter, "the first day of the range: attempts started on or after it");
            var to = Instant(context, ToParameter, "the end of the range: attempts started on or before it");
            if (to < from)
            {
                throw new InvalidPluginExecutionException($"{ApiName}: To ({Text(to)}) is before From ({Text(from)}). Pass a To on or after From.");
            }

            var pageSize = ApiInputs.PageSize(context, ApiName, DefaultPageSize, MaxPageSize);
            var zone = ApiInputs.Zone(context, ApiName);
            var utcNow = DateTime.SpecifyKind(context.Execution.OperationCreatedOn, DateTimeKind.Utc);
            var text = context.GetInputParameter<string>(PagingCookieParameter);
            var cookie = string.IsNullOrEmpty(text) ? new ReportCookie(false, from, to, utcNow, null, new ReportSums()) : ReportCookie.Parse(text!, from, to);

            int read;
            var next = cookie.Messages ? MessagePage(context, cookie, pageSize, out read) : AttemptPage(context, cookie, pageSize, zone, out read);
            context.SetOutputParameter(ReadProperty, read);
            context.SetOutputParameter(MoreRecordsProperty, next is not null);
            context.SetOutputParameter(PagingCookieProperty, next?.Format() ?? "");
            context.SetOutputParameter(ReportProperty, next is null ? ReactivationReport.Render(cookie.Sums, from, to, cookie.AsOf) : "");
            context.Trace.Write($"{TraceValue.Name(ApiName)}: read {read} {TraceValue.Name(cookie.Messages ? "messages" : "attempts")}, more: {next is not null}");
        }

        /// <returns>The cookie of the next call (null: the report is complete).</returns>
        private static ReportCookie? AttemptPage(PluginContext context, ReportCookie cookie, int pageSize, FixedOffsetZone zone, out int read)
        {
            var query = new QueryExpression(AttemptColumns.Table) { ColumnSet = new ColumnSet(AttemptReportRows.Columns), TopCount = pageSize };
            query.Criteria.AddCondition(AttemptColumns.StartedOn, ConditionOperator.GreaterEqual, cookie.From);
            query.Criteria.AddCondition(AttemptColumns.StartedOn, ConditionOperator.LessEqual, cookie.To);
            query.Criteria.AddCondition(AttemptColumns.Contact, ConditionOperator.NotNull);
            if (cookie.LastKey is { } last) query.Criteria.AddCondition(AttemptColumns.Contact, ConditionOperator.GreaterThan, last);
            query.AddOrder(AttemptColumns.Contact, OrderType.Ascending);
            var rows = context.SystemService.RetrieveMultiple(query).Entities;

            var byContact = new List<KeyValuePair<Guid, List<ReportAttempt>>>();
            foreach (var row in rows)
            {
                var attempt = AttemptReportRows.Attempt(row, zone);
                if (byContact.Count == 0 || byContact[byContact.Count - 1].Key != attempt.ContactId) byContact.Add(new KeyValuePair<Guid, List<ReportAttempt>>(attempt.ContactId, new List<ReportAttempt>()));
                byContact[byContact.Count - 1].Value.Add(attempt);
            }

            var full = rows.Count == pageSize;
            // A full page may have cut its last contact's attempts short: that contact starts the next page instead. A
            // contact with a page of attempts or more in the range is measured from this page's.
            if (full && byContact.Count > 1) byContact.RemoveAt(byContact.Count - 1);
            read = 0;
            foreach (var contact in byContact)
            {
                cookie.Sums.AddContact(contact.Value, cookie.AsOf);
                read += contact.Value.Count;
            }

            if (byContact.Count == 1 && full) context.Trace.Write($"Contact {byContact[0].Key}: a page of attempts or more in the range; measured from the first {pageSize}");
            return full ? cookie.After(byContact[byContact.Count - 1].Key) : cookie.MessagePhase();
        }

        private static ReportCookie? MessagePage(PluginContext context, ReportCookie cookie, int pageSize, out int read)
        {
            var query = new QueryExpression(MessageColumns.Table) { ColumnSet = new ColumnSet(MessageColumns.Channel, MessageColumns.Status), TopCount = pageSize };
            if (cookie.LastKey is { } last) query.Criteria.AddCondition(MessageColumns.Id, ConditionOperator.GreaterThan, last);
            query.AddOrder(MessageColumns.Id, OrderType.Ascending);
            var attempt = query.AddLink(AttemptColumns.Table, MessageColumns.Attempt, AttemptColumns.Id);
            attempt.EntityAlias = AttemptAlias;
            attempt.Columns = new ColumnSet(AttemptColumns.Attribution);
            attempt.LinkCriteria.AddCondition(AttemptColumns.StartedOn, ConditionOperator.GreaterEqual, cookie.From);
            attempt.LinkCriteria.AddCondition(AttemptColumns.StartedOn, ConditionOperator.LessEqual, cookie.To);
            var rows = context.SystemService.RetrieveMultiple(query).Entities;
            foreach (var row in rows)
            {
                if (!MessageColumns.Channels.TryName(row.GetAttributeValue<OptionSetValue>(MessageColumns.Channel), out var channel)) continue;
                if (!MessageColumns.Statuses.TryName(row.GetAttributeValue<OptionSetValue>(MessageColumns.Status), out var status) || !(FurthestPoint(status) is { } point)) continue;
                var attribution = (row.GetAttributeValue<AliasedValue>(AttemptAlias + "." + AttemptColumns.Attribution)?.Value as OptionSetValue);
                var credited = AttemptColumns.Attributions.TryName(attribution, out var named) && AttributionRules.Credits(named);
                cookie.Sums.AddMessage(new ReportMessage(channel, point, credited));
            }

            read = rows.Count;
            return rows.Count == pageSize ? cookie.After(rows[rows.Count - 1].Id) : null;
        }

        /// <summary>The furthest funnel point a message's status says it reached; null for one that never went out.</summary>
        public static FunnelPoint? FurthestPoint(MessageStatus status) => status switch
        {
            MessageStatus.Sent or MessageStatus.Failed => FunnelPoint.Sent,
            MessageStatus.Delivered => FunnelPoint.Delivered,
            MessageStatus.Clicked or MessageStatus.Replied => FunnelPoint.ClickedOrReplied,
            MessageStatus.Visited => FunnelPoint.Visited,
            MessageStatus.Applied => FunnelPoint.Applied,
            _ => null,
        };

        private static DateTime Instant(PluginContext context, string name, string what)
        {
            if (!context.Execution.InputParameters.TryGetValue(name, out var value) || !(value is DateTime instant) || instant == default)
            {
                throw new InvalidPluginExecutionException($"{ApiName}: {name} is required: {what} (a date and time, e.g. 2026-01-01T00:00:00Z).");
            }

            return instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : DateTime.SpecifyKind(instant, DateTimeKind.Utc);
        }

        private static string Text(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
