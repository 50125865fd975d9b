using Reactivation.Core.Outreach;

namespace Reactivation.Core.Tests.Outreach;

/// <summary>The stored block reasons: what is written reads back, whatever a rule's reason code holds.</summary>
[TestClass]
public sealed class BlockReasonsTests
{
    [TestMethod]
    public void Block_reasons_read_back_as_written_even_when_a_code_holds_spaces_backslashes_or_line_breaks()
    {
        var reasons = new[]
        {
            new BlockReason(TouchKind.PhoneCall, "Phone", "OptedOut"),
            new BlockReason(TouchKind.Message, "WeChat", "Lost outside campaign"),
            new BlockReason(TouchKind.Task, "Task", "a\\b\nc\rd"),
        };

        var text = BlockReasons.Format(reasons, 4000);

        Assert.AreEqual("PhoneCall Phone OptedOut\nMessage WeChat Lost outside campaign\nTask Task a\\\\b\\nc\\rd", text);
        var read = BlockReasons.Parse(text);
        CollectionAssert.AreEqual(reasons.Select(r => (r.Kind, r.Channel, r.Code)).ToArray(), read.Select(r => (r.Kind, r.Channel, r.Code)).ToArray());
        Assert.IsEmpty(BlockReasons.Parse(null));
        Assert.AreEqual("", BlockReasons.Format([], 4000));
    }

    [TestMethod]
    public void A_list_longer_than_the_column_keeps_whole_lines_only()
    {
        var reasons = Enumerable.Range(0, 10).Select(i => new BlockReason(TouchKind.Message, "Sms", "Code" + i)).ToList();

        var text = BlockReasons.Format(reasons, 40);

        Assert.AreEqual("Message Sms Code0\nMessage Sms Code1", text, "a third line would make 53 characters");
    }

    [TestMethod]
    [DataRow("PhoneCall Phone", "Block reason line 1 is not <action> <channel> <code>.")]
    [DataRow("PhoneCall Phone OptedOut\nCall Phone OptedOut", "Block reason line 2 is not <action> <channel> <code>.")]
    [DataRow("PhoneCall  OptedOut", "Block reason line 1 is not <action> <channel> <code>.")]
    [DataRow("PhoneCall Phone ", "Block reason line 1 is not <action> <channel> <code>.")]
    [DataRow("Task Task a\\x", "Block reason line 1 has an unknown escape.")]
    public void Text_that_is_not_a_block_reason_list_says_which_line(string text, string problem)
    {
        Assert.AreEqual(problem, Assert.ThrowsExactly<FormatException>(() => BlockReasons.Parse(text)).Message);
    }
}
