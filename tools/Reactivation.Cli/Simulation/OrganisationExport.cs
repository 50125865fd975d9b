using System.Globalization;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Measurement;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;

namespace Reactivation.Cli.Simulation;

/// <summary>
/// An export of the rows the weekly review reads, one CSV file per table in a folder (layout in tools/README.md),
/// restored into a local organisation as records of the product's tables so <see cref="WeeklyReviewReader"/> reads
/// them exactly as it reads a simulated organisation. The restored rows are history, not events: no step runs on them
/// (the organisation has no solution steps). Every value is checked first; a bad one names its file and line and
/// nothing is restored.
/// </summary>
public sealed class OrganisationExport
{
    public static readonly (string File, string Header)[] Files =
    [
        ("reps.csv", "rep_id,name,team_ids"),
        ("targets.csv", "owner_id,kpi,period,value,valid_from"),
        ("attempts.csv", "attempt_id,contact_id,owner_id,started_on,stage,offer,outcome,revenue,converting_order_id"),
        ("orders.csv", "order_id,contact_id,paid_on,amount"),
        ("activities.csv", "activity_id,kind,owner_id,state,completed_on,outcome"),
        ("messages.csv", "message_id,attempt_id,owner_id,channel,status,sent_on,outcome,modified_on"),
        ("stage-changes.csv", "contact_id,changed_on,from_stage,to_stage"),
    ];

    /// <summary>Each row with the instant it was last changed, which the organisation stamps as its modifiedon.</summary>
    private readonly List<(Entity Row, DateTime ChangedOn)> _rows = [];

    private OrganisationExport(string folder) => Folder = folder;

    public string Folder { get; }

    public List<ReviewRep> Reps { get; } = [];

    public List<StageMove> StageMoves { get; } = [];

    /// <summary>The organisation's offers ruleset (offers.json in the folder), for the offers' labels; null when the export has none.</summary>
    public string? OffersRuleset { get; private set; }

    /// <summary>The first and last day any row of the export falls on.</summary>
    public DateOnly FirstDay { get; private set; } = DateOnly.MaxValue;

    public DateOnly LastDay { get; private set; } = DateOnly.MinValue;

    /// <exception cref="SimulationInputException">A file is missing or a line is malformed; the message names the file and line.</exception>
    public static OrganisationExport Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new SimulationInputException($"{folder}: no such folder (the export: {string.Join(", ", Files.Select(f => f.File))}).");
        var export = new OrganisationExport(folder);
        foreach (var (file, header) in Files)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) throw new SimulationInputException($"{path}: missing; the export needs {file} with the header '{header}'.");
            var lines = File.ReadAllLines(path);
            if (lines.Length == 0 || lines[0].Trim() != header) throw new SimulationInputException($"{path}:1: the header must be '{header}'.");
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0) continue;
                var cells = lines[i].Split(',');
                var line = new Line(path, i + 1, cells, header.Split(','));
                if (cells.Length != line.Names.Length) throw line.Error($"{cells.Length} values where the header names {line.Names.Length}");
                export.Add(file, line);
            }
        }

        var offers = Path.Combine(folder, "offers.json");
        if (File.Exists(offers)) export.OffersRuleset = File.ReadAllText(offers);
        return export;
    }

    /// <summary>
    /// Creates the rows in the organisation (after every line was read, so a bad file restores nothing), each at the
    /// instant it was last changed: <paramref name="setClock"/> moves the organisation's clock, which stamps modifiedon.
    /// </summary>
    public void Restore(LocalOrganization org, Action<DateTime> setClock)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(setClock);
        var service = org.CreateOrganizationService(null);
        foreach (var rep in Reps) service.Create(new Entity("systemuser", rep.Id) { ["fullname"] = rep.Name });
        foreach (var (row, changedOn) in _rows)
        {
            setClock(changedOn);
            service.Create(row);
        }
    }

    private void Add(string file, Line line)
    {
        switch (file)
        {
            case "reps.csv":
                Reps.Add(new ReviewRep(line.Id("rep_id"), line.Text("name"), line.Raw("team_ids").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(t => line.Id("team_ids", t)).ToList()));
                break;
            case "targets.csv":
                _rows.Add((new Entity(RepTargetColumns.Table)
                {
                    [RepTargetColumns.Name] = line.Raw("kpi") + " per " + line.Raw("period"),
                    [RepTargetColumns.Owner] = Owner(line, "owner_id"),
                    [RepTargetColumns.Kpi] = RepTargetColumns.Kpis.Option(line.Name<RepKpi>("kpi")),
                    [RepTargetColumns.Period] = RepTargetColumns.Periods.Option(line.Name<KpiPeriod>("period")),
                    [RepTargetColumns.Value] = line.Amount("value"),
                    [RepTargetColumns.ValidFrom] = Seen(line.Date("valid_from")),
                }, line.Date("valid_from")));
                break;
            case "attempts.csv":
                var attempt = new Entity(AttemptColumns.Table, line.Id("attempt_id"))
                {
                    [AttemptColumns.Contact] = new EntityReference(ContactColumns.Table, line.Id("contact_id")),
                    [AttemptColumns.Owner] = Owner(line, "owner_id"),
                    [AttemptColumns.StartedOn] = Seen(line.Date("started_on")),
                    [AttemptColumns.StageAtStart] = ContactColumns.Stages.Option(line.Name<LifecycleStage>("stage")),
                    [AttemptColumns.Offer] = line.Raw("offer"),
                    [AttemptColumns.Outcome] = AttemptColumns.Outcomes.Option(line.Name<AttemptOutcome>("outcome")),
                    [AttemptColumns.Revenue] = new Money(line.Raw("revenue").Length == 0 ? 0m : line.Amount("revenue")),
                };
                if (line.Raw("converting_order_id").Length > 0) attempt[AttemptColumns.ConvertingOrder] = new EntityReference(SalesOrderColumns.Table, line.Id("converting_order_id"));
                _rows.Add((attempt, line.Date("started_on")));
                break;
            case "orders.csv":
                _rows.Add((new Entity(SalesOrderColumns.Table, line.Id("order_id"))
                {
                    [SalesOrderColumns.Customer] = new EntityReference(ContactColumns.Table, line.Id("contact_id")),
                    [SalesOrderColumns.PaidOn] = Seen(line.Date("paid_on")),
                    [SalesOrderColumns.TotalAmount] = new Money(line.Amount("amount")),
                }, line.Date("paid_on")));
                break;
            case "activities.csv":
                var kind = line.Raw("kind");
                if (kind is not (ActivityColumns.PhoneCallTable or ActivityColumns.TaskTable)) throw line.Error($"kind '{kind}' is not phonecall or task");
                var state = line.Raw("state");
                if (state is not ("open" or "completed")) throw line.Error($"state '{state}' is not open or completed");
                var activity = new Entity(kind, line.Id("activity_id"))
                {
                    [ActivityColumns.Owner] = Owner(line, "owner_id"),
                    [ActivityColumns.State] = new OptionSetValue(state == "completed" ? ActivityColumns.Completed : 0),
                };
                if (state == "completed") activity["actualend"] = Seen(line.Date("completed_on"));
                if (line.Raw("outcome").Length > 0) activity[ActivityColumns.ResponseOutcome] = ActivityColumns.ResponseOutcomes.Option(line.Name<ResponseOutcome>("outcome"));
                _rows.Add((activity, state == "completed" ? line.Date("completed_on") : FirstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)));
                break;
            case "messages.csv":
                var message = new Entity(MessageColumns.Table, line.Id("message_id"))
                {
                    [MessageColumns.Owner] = Owner(line, "owner_id"),
                    [MessageColumns.Channel] = MessageColumns.Channels.Option(line.Word("channel", MessageColumns.Channels.Names)),
                    [MessageColumns.Status] = MessageColumns.Statuses.Option(line.Name<MessageStatus>("status")),
                    [MessageColumns.SendAfter] = Seen(line.Date("sent_on")),
                    ["actualend"] = line.Date("sent_on"),
                };
                if (line.Raw("attempt_id").Length > 0) message[MessageColumns.Attempt] = new EntityReference(AttemptColumns.Table, line.Id("attempt_id"));
                if (line.Raw("outcome").Length > 0) message[MessageColumns.ResponseOutcome] = ActivityColumns.ResponseOutcomes.Option(line.Name<ResponseOutcome>("outcome"));
                _rows.Add((message, Seen(line.Date("modified_on"))));
                break;
            default:
                var from = line.Raw("from_stage");
                StageMoves.Add(new StageMove(Seen(line.Date("changed_on")), from.Length == 0 ? null : line.Name<LifecycleStage>("from_stage").ToString(), line.Name<LifecycleStage>("to_stage").ToString()));
                line.Id("contact_id");
                break;
        }
    }

    private static EntityReference Owner(Line line, string column) => new("systemuser", line.Id(column));

    private DateTime Seen(DateTime on)
    {
        var day = DateOnly.FromDateTime(on);
        if (day < FirstDay) FirstDay = day;
        if (day > LastDay) LastDay = day;
        return on;
    }

    /// <summary>One line of a file with its values by header name; each reader names the file, line and column of a bad value.</summary>
    private sealed class Line(string path, int number, string[] cells, string[] names)
    {
        public string[] Names { get; } = names;

        public string Raw(string column) => cells[Array.IndexOf(Names, column)].Trim();

        public string Text(string column) => Raw(column).Length > 0 ? Raw(column) : throw Error($"{column} is empty");

        public Guid Id(string column, string? value = null) =>
            Guid.TryParse(value ?? Raw(column), out var id) ? id : throw Error($"{column} '{value ?? Raw(column)}' is not an id (a GUID)");

        public DateTime Date(string column) =>
            DateTime.TryParseExact(Raw(column), ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var on)
                ? DateTime.SpecifyKind(on, DateTimeKind.Utc)
                : throw Error($"{column} '{Raw(column)}' is not a date (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ)");

        public decimal Amount(string column) =>
            decimal.TryParse(Raw(column), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : throw Error($"{column} '{Raw(column)}' is not an amount of 0 or more (like 120.50)");

        public T Name<T>(string column) where T : struct, Enum =>
            Enum.TryParse<T>(Raw(column), ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(Raw(column), out _)
                ? value
                : throw Error($"{column} '{Raw(column)}' is not one of {string.Join(", ", Enum.GetNames<T>())}");

        public string Word(string column, IEnumerable<string> words) =>
            words.Contains(Raw(column)) ? Raw(column) : throw Error($"{column} '{Raw(column)}' is not one of {string.Join(", ", words)}");

        public SimulationInputException Error(string problem) => new($"{path}:{number}: {problem}.");
    }
}
