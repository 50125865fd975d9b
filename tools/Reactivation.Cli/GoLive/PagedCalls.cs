using System.Diagnostics;
using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg;

namespace Reactivation.Cli.GoLive;

/// <summary>One call of a paged Custom API as the admin's client sees it: its response, the requests its plugins made, the time it took.</summary>
public sealed record ApiCall(ParameterCollection Response, IReadOnlyDictionary<string, int> Requests, TimeSpan Elapsed)
{
    public int RequestCount => Requests.Values.Sum();

    public int Count(string property) => (int)Response[property]!;
}

/// <summary>
/// What a scheduler or an admin's script does with rx_InitialiseContacts and rx_EvaluateDueContacts: call with the same
/// parameters, passing each response's PagingCookie to the next call, until MoreRecords is false.
/// </summary>
public static class PagedCalls
{
    /// <param name="progress">Told of each call as it returns.</param>
    public static List<ApiCall> Run(LocalOrganization org, string api, IReadOnlyDictionary<string, object> parameters, Action<ApiCall>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(parameters);
        var service = org.CreateOrganizationService(null);
        var calls = new List<ApiCall>();
        string? cookie = null;
        while (true)
        {
            org.ClearLogs();
            var request = new OrganizationRequest(api);
            foreach (var (name, value) in parameters) request[name] = value;
            if (cookie is not null) request["PagingCookie"] = cookie;
            var clock = Stopwatch.StartNew();
            var response = service.Execute(request).Results;
            clock.Stop();
            var requests = org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin)
                .GroupBy(r => r.RequestName + " " + r.EntityName)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var call = new ApiCall(response, requests, clock.Elapsed);
            calls.Add(call);
            progress?.Invoke(call);
            cookie = (string)response["PagingCookie"]!;
            if (!(bool)response["MoreRecords"]!) return calls;
        }
    }
}
