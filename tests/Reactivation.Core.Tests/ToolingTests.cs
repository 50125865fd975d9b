using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

[TestClass]
public sealed class RulesetCacheTests
{
    [TestMethod]
    public void The_same_text_is_parsed_once_and_the_same_ruleset_is_handed_out()
    {
        var json = OneRule("customer.PurchaseCount > 41");
        var first = RulesetCache.Get(json);
        var second = RulesetCache.Get(json);
        Assert.AreSame(first, second);
        Assert.AreEqual(RulesetCache.Hash(json), first.ContentHash);
    }

    [TestMethod]
    public void A_changed_text_is_a_new_version()
    {
        var a = RulesetCache.Get(OneRule("customer.PurchaseCount > 42"));
        var b = RulesetCache.Get(OneRule("customer.PurchaseCount > 43"));
        Assert.AreNotSame(a, b);
        Assert.AreNotEqual(a.ContentHash, b.ContentHash);
    }

    [TestMethod]
    public void An_invalid_ruleset_from_the_cache_throws_with_its_diagnostics() =>
        Assert.ThrowsExactly<RulesetInvalidException>(() => RulesetCache.Get(OneRule("customer.Nope")));

    [TestMethod]
    public void The_hash_is_lower_case_hex_SHA_256() =>
        Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", RulesetCache.Hash("abc"));
}

[TestClass]
public sealed class TemplateTests
{
    [TestMethod]
    public void Placeholders_are_filled_with_invariant_fact_values_and_missing_values_are_empty()
    {
        var facts = new CustomerFacts { RemainingSessions = 4, PrepaidBalance = 1234.5m, DaysSinceLastPurchase = null };
        Assert.AreEqual("4 left, balance 1234.5, last visit  days ago", TemplateRenderer.Render("{{RemainingSessions}} left, balance {{ PrepaidBalance }}, last visit {{DaysSinceLastPurchase}} days ago", facts));
    }

    [TestMethod]
    public void Unknown_placeholders_are_left_as_written() =>
        Assert.AreEqual("{{Name}} hello", TemplateRenderer.Render("{{Name}} hello", new CustomerFacts()));
}

[TestClass]
public sealed class DocumentationTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "README.md"));

    [TestMethod]
    public void The_fact_catalog_covers_every_CustomerFacts_property_and_nothing_else()
    {
        var properties = typeof(CustomerFacts).GetProperties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var catalog = FactCatalog.All.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(properties, catalog);
    }

    [TestMethod]
    public void The_catalog_types_match_the_CustomerFacts_property_types()
    {
        foreach (var fact in FactCatalog.All)
        {
            var type = typeof(CustomerFacts).GetProperty(fact.Name)!.PropertyType;
            var name = type == typeof(int) ? "int" : type == typeof(int?) ? "int?" : type == typeof(decimal) ? "decimal" : type == typeof(decimal?) ? "decimal?" : type == typeof(bool) ? "bool" : "string";
            Assert.AreEqual(name, fact.TypeName, fact.Name);
        }
    }

    [TestMethod]
    public void The_rules_README_documents_every_fact_with_its_type()
    {
        foreach (var fact in FactCatalog.All)
        {
            StringAssert.Contains(Readme, "| `" + fact.Name + "` | `" + fact.TypeName + "` |", fact.Name + " is missing from the facts table");
        }
    }

    [TestMethod]
    public void The_rules_README_documents_every_diagnostic_code()
    {
        foreach (var field in typeof(DiagnosticCodes).GetFields())
        {
            StringAssert.Contains(Readme, (string)field.GetValue(null)!, field.Name);
        }
    }
}
