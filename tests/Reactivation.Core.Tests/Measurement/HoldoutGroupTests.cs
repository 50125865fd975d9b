using Reactivation.Core.Measurement;

namespace Reactivation.Core.Tests.Measurement;

/// <summary>Who is held out: the same customer in the same stage stint always lands in the same group.</summary>
[TestClass]
public sealed class HoldoutGroupTests
{
    private static readonly DateTime StageEntry = new(2025, 3, 14);

    [TestMethod]
    public void The_group_depends_on_the_contact_and_the_stage_entry_only()
    {
        var contact = Guid.Parse("3f2a9c1d-0000-4000-8000-000000000001");

        var first = HoldoutGroup.Position(contact, StageEntry);

        Assert.AreEqual(first, HoldoutGroup.Position(contact, StageEntry), "a replay or retry asks again and gets the same place");
        Assert.AreEqual(first, HoldoutGroup.Position(contact, StageEntry.AddHours(23)), "the stage entry is a date: the hour of the event plays no part");
        Assert.AreNotEqual(first, HoldoutGroup.Position(contact, StageEntry.AddDays(90)), "a new stage stint draws again");
        Assert.IsTrue(first >= 0 && first < 1);
    }

    [TestMethod]
    public void About_the_share_asked_for_is_held_out_and_a_larger_share_holds_out_a_superset()
    {
        var contacts = Enumerable.Range(0, 10000).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();

        var ten = contacts.Where(c => HoldoutGroup.Holds(c, StageEntry, 10m)).ToHashSet();
        var twenty = contacts.Where(c => HoldoutGroup.Holds(c, StageEntry, 20m)).ToHashSet();

        // Binomial(10000, 0.1): sd 30, so 4 sd either side is 880..1120.
        Assert.IsTrue(ten.Count is > 880 and < 1120, $"{ten.Count} of 10000 held out at 10 %");
        Assert.IsTrue(ten.IsSubsetOf(twenty));
        Assert.IsFalse(contacts.Any(c => HoldoutGroup.Holds(c, StageEntry, 0m)), "0 switches holdouts off");
    }

    [TestMethod]
    [DataRow(null, 0.0)]
    [DataRow("", 0.0)]
    [DataRow("10", 10.0)]
    [DataRow(" 7.5 ", 7.5)]
    [DataRow("50", 50.0)]
    public void The_environment_variable_reads_as_a_percent(string? text, double percent)
    {
        Assert.AreEqual((decimal)percent, HoldoutGroup.ParseDefault(text));
    }

    [TestMethod]
    [DataRow("ten")]
    [DataRow("-5")]
    [DataRow("51")]
    [DataRow("10%")]
    public void An_environment_variable_that_is_not_a_percent_up_to_50_is_not_read_as_one(string text)
    {
        Assert.IsNull(HoldoutGroup.ParseDefault(text));
    }
}
