using Microsoft.Xrm.Sdk;
using Reactivation.LocalOrg.Metadata;
using Reactivation.LocalOrg.Pipeline;
using Reactivation.LocalOrg.Registration;
using Reactivation.LocalOrg.Solution;

namespace Reactivation.LocalOrg;

/// <summary>
/// An in-memory Dataverse organisation: the organisation service (CRUD, QueryExpression, the request
/// messages the product uses) and the event pipeline that runs registered plugin steps the way Dataverse
/// does. Not thread-safe for concurrent callers by design: calls are serialised on one lock, as one
/// organisation processes one simulation.
/// </summary>
/// <remarks>
/// This class is the host's view: set-up (solutions, steps, tables, keys) and what a test reads (logs, async jobs).
/// The pipeline (Pipeline/), the message handlers (Messages/) and the store (Store/) do the work.
/// </remarks>
public sealed class LocalOrganization : IOrganizationServiceFactory
{
    private readonly EventPipeline _pipeline;

    public LocalOrganization(LocalOrganizationOptions? options = null)
    {
        Options = options ?? new LocalOrganizationOptions();
        _pipeline = new EventPipeline(Options);
    }

    public LocalOrganizationOptions Options { get; }

    /// <summary>"Now" by the organisation's clock (UTC).</summary>
    public DateTime UtcNow => _pipeline.UtcNow;

    public IReadOnlyList<StepRegistration> Steps => Locked(() => _pipeline.Registrations.Steps);

    public IReadOnlyList<CustomApiRegistration> CustomApis => Locked(() => _pipeline.Registrations.CustomApis);

    /// <summary>Every asynchronous step execution queued so far, with its status.</summary>
    public IReadOnlyList<AsyncOperationRecord> AsyncOperations => Locked(() => _pipeline.AsyncOperations.ToList());

    /// <summary>One row per plugin execution (plugintracelog with the setting "All"). Rows survive rollbacks.</summary>
    public IReadOnlyList<PluginTraceRecord> TraceLog => Locked(() => _pipeline.TraceLog.ToList());

    /// <summary>Every organisation-service request (round trip), from outside callers and from plugins.</summary>
    public IReadOnlyList<RequestRecord> RequestLog => Locked(() => _pipeline.RequestLog.ToList());

    /// <summary>The tables whose columns are enforced.</summary>
    public IReadOnlyList<TableDefinition> Tables => Locked(() => _pipeline.Tables.All);

    /// <summary>Empties the request and trace logs, e.g. after arranging data, so a test counts only what it acts on.</summary>
    public void ClearLogs() => Locked(() =>
    {
        _pipeline.RequestLog.Clear();
        _pipeline.TraceLog.Clear();
    });

    /// <summary>
    /// The primary key column of a table: <see cref="LocalOrganizationOptions.PrimaryIdAttribute"/> if it
    /// answers, else <c>activityid</c> for activity tables, else <c>&lt;table&gt;id</c>.
    /// </summary>
    public string PrimaryIdAttributeOf(string entityLogicalName) => Options.PrimaryIdAttributeOf(entityLogicalName);

    /// <summary>
    /// The organisation service for a user, as an outside caller (Depth 1 operations, no transaction yet).
    /// A null user is the SYSTEM user.
    /// </summary>
    public IOrganizationService CreateOrganizationService(Guid? userId)
    {
        var user = userId ?? Options.SystemUserId;
        return new LocalOrganizationService(_pipeline, new Caller(user, user, 0, RequestOrigin.Caller, null, null, null, null));
    }

    /// <summary>
    /// Registers every step and Custom API of an unpacked solution folder, as importing it into an
    /// organisation would, binding plugin type names to the types in
    /// <see cref="LocalOrganizationOptions.PluginAssemblies"/>.
    /// <para>
    /// Secure configuration is not part of an exported solution (an admin sets it per environment after
    /// import), so the host passes it here by step id; every id must be a step of the solution.
    /// </para>
    /// Everything is checked before anything is registered: a failure leaves the organisation as it was.
    /// <para>
    /// Tables: when the folder declares tables (Entities/*/Entity.xml), each is defined with
    /// <see cref="DefineTable"/> (merged with <see cref="StandardTables"/> for standard tables), and
    /// the catalogue's other standard tables too; their alternate keys are defined and a Create/Update
    /// writing an undeclared column then fails. A folder without Entities/ leaves every table permissive.
    /// </para>
    /// </summary>
    /// <param name="folder">The unpacked solution, e.g. the repository's solution/ folder.</param>
    /// <param name="secureConfigurations">Secure configuration by SdkMessageProcessingStepId; null for none.</param>
    /// <returns>What the folder declares.</returns>
    /// <exception cref="SolutionFormatException">The folder is malformed, or a step or Custom API cannot be bound or registered; the message names the file.</exception>
    /// <exception cref="ArgumentException">A secure configuration names a step the solution does not have.</exception>
    public SolutionDefinition LoadSolution(string folder, IReadOnlyDictionary<Guid, string>? secureConfigurations = null) =>
        SolutionLoader.Load(this, folder, secureConfigurations);

    /// <summary>Registers a plugin step. Fails with ArgumentException for what Dataverse would refuse to register.</summary>
    public void Register(StepRegistration step)
    {
        ArgumentNullException.ThrowIfNull(step);
        Locked(() => _pipeline.Registrations.Register(step));
    }

    /// <summary>Registers a Custom API: its message becomes executable, and its plugin runs at stage 30.</summary>
    public void Register(CustomApiRegistration customApi)
    {
        ArgumentNullException.ThrowIfNull(customApi);
        Locked(() => _pipeline.Registrations.Register(customApi));
    }

    /// <summary>
    /// Sets a registered step's unsecure configuration, as an admin does after import (team ids, the time zone
    /// offset): the next execution gets a new plugin instance built with it, as Dataverse recreates the instance
    /// when a step changes. Returns the configuration it replaced.
    /// </summary>
    /// <exception cref="ArgumentException">No step with that id is registered.</exception>
    public string? ConfigureStep(Guid stepId, string? unsecureConfiguration) =>
        Locked(() => _pipeline.Registrations.Configure(stepId, unsecureConfiguration));

    /// <summary>Defines a unique alternate key on a table. Fails if existing rows already share key values.</summary>
    public void DefineAlternateKey(string entityLogicalName, string keyName, params string[] columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityLogicalName);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        if (columns is not { Length: > 0 })
        {
            throw new ArgumentException("An alternate key needs at least one column.", nameof(columns));
        }

        Locked(() => _pipeline.Store.DefineAlternateKey(entityLogicalName, keyName, columns));
    }

    /// <summary>
    /// Makes a table's columns known: from now on a Create or Update of the table that writes another
    /// column, or a value of the wrong type, fails as it does in Dataverse. Defines the table's alternate
    /// keys. Replaces an earlier definition's columns (keys already defined stay).
    /// </summary>
    /// <exception cref="ArgumentException">A key's columns are not columns of the table, or existing rows already share a key's values.</exception>
    public void DefineTable(TableDefinition table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Locked(() => _pipeline.Tables.Define(table, _pipeline.Store));
    }

    /// <summary>The definition the organisation enforces for a table, or null when the table is permissive.</summary>
    public TableDefinition? FindTable(string logicalName) => Locked(() => _pipeline.Tables.Find(logicalName));

    /// <summary>
    /// Runs the queued asynchronous steps, including any they queue in turn, each in its own transaction.
    /// A failure is recorded on its <see cref="AsyncOperationRecord"/> and rolls back only that execution's writes.
    /// </summary>
    /// <returns>How many async executions ran.</returns>
    public int PumpAsyncOperations() => Locked(_pipeline.PumpAsyncOperations);

    private void Locked(Action write)
    {
        lock (_pipeline.Gate)
        {
            write();
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_pipeline.Gate)
        {
            return read();
        }
    }
}
