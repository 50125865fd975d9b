namespace Reactivation.LocalOrg.Messages;

/// <summary>
/// The messages the organisation answers, besides the Custom APIs a solution registers
/// (<see cref="CustomApiHandler"/>). Adding a message is one handler file and one line in <see cref="All"/>.
/// </summary>
internal static class MessageHandlers
{
    public static readonly IReadOnlyList<MessageHandler> All =
    [
        new CreateHandler(),
        new UpdateHandler(),
        new DeleteHandler(),
        new RetrieveHandler(),
        new RetrieveMultipleHandler(),
        new UpsertHandler(),
        new ExecuteMultipleHandler(),
        new ExecuteTransactionHandler(),
        new WhoAmIHandler(),
    ];

    private static readonly Dictionary<string, MessageHandler> ByName = All.ToDictionary(h => h.MessageName, StringComparer.Ordinal);

    /// <summary>The handler of a request name (case-sensitive, as the service dispatches), or null.</summary>
    public static MessageHandler? Find(string? messageName) =>
        messageName != null && ByName.TryGetValue(messageName, out var handler) ? handler : null;

    /// <summary>The images a step on the message may register (step registration is not case-sensitive).</summary>
    public static ImageSupport ImagesOf(string messageName) =>
        All.OfType<OperationHandler>().FirstOrDefault(h => string.Equals(h.MessageName, messageName, StringComparison.OrdinalIgnoreCase))?.Images
        ?? ImageSupport.None;

    /// <summary>The messages that take any of the images, for error messages: "Create, Update, Delete".</summary>
    public static string WithImages(ImageSupport images) =>
        string.Join(", ", All.OfType<OperationHandler>().Where(h => (h.Images & images) != 0).Select(h => h.MessageName));
}
