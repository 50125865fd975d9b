namespace Reactivation.LocalOrg.Store;

/// <summary>
/// The database transaction of one outermost operation. Nested operations (a plugin's own calls, the
/// requests of an ExecuteTransaction) join it; a failure anywhere undoes every write in it. Async steps
/// queued inside it only reach the async queue when it commits.
/// </summary>
internal sealed class Transaction
{
    private readonly List<(Table Table, Guid Id, StoredRow? Previous)> _undo = [];
    private readonly List<Action> _onCommit = [];

    /// <summary>Set when a nested call failed inside it: SQL has rolled back, nothing more can be written.</summary>
    public bool Doomed { get; set; }

    public bool Finished { get; private set; }

    public void RecordUndo(Table table, Guid id, StoredRow? previous) => _undo.Add((table, id, previous));

    public void OnCommit(Action action) => _onCommit.Add(action);

    /// <summary>
    /// Commits, then runs what waited for the commit. A doomed transaction rolls back instead and fails as the
    /// platform does when a plugin went on after a failed call.
    /// </summary>
    public void Commit()
    {
        if (Doomed)
        {
            Rollback();
            throw ServiceFaults.Create(DataverseErrorCodes.NoActiveTransaction, ServiceFaults.NoActiveTransactionMessage);
        }

        Finished = true;
        foreach (var action in _onCommit)
        {
            action();
        }

        _undo.Clear();
        _onCommit.Clear();
    }

    public void Rollback()
    {
        Finished = true;
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            var (table, id, previous) = _undo[i];
            table.Undo(id, previous);
        }

        _undo.Clear();
        _onCommit.Clear();
    }
}
