

def test_merged_adapters_compute_the_same_and_unmerge_for_training():
    import torch
    from torch import nn

    from nrcie.transformer.lora import LoRALinear, merge_lora, trainable_state

    torch.manual_seed(0)
    model = nn.Sequential(LoRALinear(nn.Linear(8, 4), rank=2, alpha=4.0))
    nn.init.normal_(model[0].lora_b)
    x = torch.randn(3, 8)
    model.eval()
    before = model(x)
    w0 = model[0].base.weight.clone()
    assert merge_lora(model) == 1 and model[0].merged
    assert torch.allclose(model(x), before, atol=1e-6)
    assert set(trainable_state(model)) == {"0.lora_a", "0.lora_b"}    # adapters still saved
    model.train()
    assert not model[0].merged and torch.allclose(model[0].base.weight, w0, atol=1e-6)
