using Microsoft.Xrm.Sdk;
using Reactivation.Core.Facts;
using Reactivation.Core.Measurement;
using Reactivation.Plugins.Reporting;

namespace Reactivation.Cli.Simulation;

/// <summary>
/// Uplift from the organisation's records, as rx_ReactivationReport computes it: each attempt's stored window, first
/// purchase and revenue in it (written by the order step), one observation per customer stage stint (Core's
/// <see cref="StageStints"/>), a window still running at the end of the run counting for the holdout share only.
/// </summary>
public sealed partial class SimulationEngine
{
    private readonly List<ReportAttempt> _measured = [];

    private void Measure(Entity attempt) => _measured.Add(AttemptReportRows.Attempt(attempt, FixedOffsetZone.Utc));

    private UpliftTable Uplift()
    {
        var sums = new ReportSums();
        foreach (var contact in _measured.GroupBy(a => a.ContactId)) sums.AddContact(contact, _now);
        return sums.Uplift.Table();
    }

    /// <summary>The Custom API over every attempt of the run, called as a report job calls it, page by page.</summary>
    private string OrganisationReport()
    {
        string? cookie = null;
        while (true)
        {
            var request = new OrganizationRequest(ReactivationReportPlugin.ApiName)
            {
                [ReactivationReportPlugin.FromParameter] = _settings.Scenario.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                [ReactivationReportPlugin.ToParameter] = _settings.Scenario.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            };
            if (cookie is not null) request[ReactivationReportPlugin.PagingCookieParameter] = cookie;
            var response = _service.Execute(request).Results;
            if (!(bool)response[ReactivationReportPlugin.MoreRecordsProperty]!) return (string)response[ReactivationReportPlugin.ReportProperty]!;
            cookie = (string)response[ReactivationReportPlugin.PagingCookieProperty]!;
        }
    }
}
