// One GGUF chat model loaded through node-llama-cpp, which runs one request at a time.
import {
  getLlama,
  LlamaChat,
  LlamaGrammar,
  LlamaLogLevel,
  type ChatHistoryItem,
  type GbnfJsonSchema,
  type Llama,
  type LlamaContext,
  type LlamaModel,
} from 'node-llama-cpp';
import { RequestError } from './http-helpers';
import type { ChatMessage, ReplyFormat } from './openai-request';

export interface GenerationRequest {
  messages: ChatMessage[];
  format: ReplyFormat;
  maxTokens: number;
  temperature: number;
  seed: number | undefined;
  signal: AbortSignal;
  onText: (text: string) => void;
}

export interface GenerationResult {
  text: string;
  finishReason: 'stop' | 'length';
  promptTokens: number;
  completionTokens: number;
}

export interface ChatModelOptions {
  modelPath: string;
  threads: number;
  contextSize: number;
}

function toHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  return messages.map((message): ChatHistoryItem => {
    switch (message.role) {
      case 'system':
        return { type: 'system', text: message.content };
      case 'user':
        return { type: 'user', text: message.content };
      case 'assistant':
        return { type: 'model', response: [message.content] };
    }
  });
}

export class ChatModel {
  private readonly llama: Llama;
  private readonly model: LlamaModel;
  private readonly context: LlamaContext;
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  /** Tail of the request queue: the context has one sequence, so requests run one after another. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(llama: Llama, model: LlamaModel, context: LlamaContext) {
    this.llama = llama;
    this.model = model;
    this.context = context;
  }

  static async load(options: ChatModelOptions): Promise<ChatModel> {
    // build: 'never' keeps node-llama-cpp on the prebuilt binary from @node-llama-cpp/linux-x64
    // instead of downloading llama.cpp's source to compile when that binary does not load.
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.warn });
    const model = await llama.loadModel({ modelPath: options.modelPath });
    const context = await model.createContext({
      contextSize: options.contextSize,
      sequences: 1,
      threads: options.threads,
    });
    return new ChatModel(llama, model, context);
  }

  get trainContextSize(): number {
    return this.model.trainContextSize;
  }

  private grammarFor(format: ReplyFormat): Promise<LlamaGrammar> | undefined {
    if (format.type === 'text') {
      return undefined;
    }
    const key = format.type === 'json_schema' ? JSON.stringify(format.schema) : 'json';
    let grammar = this.grammars.get(key);
    if (grammar === undefined) {
      grammar =
        format.type === 'json_schema'
          ? this.llama.createGrammarForJsonSchema<GbnfJsonSchema>(format.schema as GbnfJsonSchema)
          : LlamaGrammar.getFor(this.llama, 'json');
      this.grammars.set(key, grammar);
      // A schema that fails to convert is not cached, so a corrected one is not shadowed.
      grammar.catch(() => this.grammars.delete(key));
    }
    return grammar;
  }

  /** Queues a generation; it starts when the requests before it have finished. */
  generate(request: GenerationRequest): Promise<GenerationResult> {
    const run = this.queue.then(() => this.runGeneration(request));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runGeneration(request: GenerationRequest): Promise<GenerationResult> {
    request.signal.throwIfAborted();
    let grammar: LlamaGrammar | undefined;
    try {
      grammar = await this.grammarFor(request.format);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new RequestError(400, `"response_format" schema cannot be turned into a grammar: ${detail}`);
    }

    const sequence = this.context.getSequence();
    try {
      const before = sequence.tokenMeter.getState();
      const chat = new LlamaChat({ contextSequence: sequence });
      const response = await chat.generateResponse(toHistory(request.messages), {
        grammar,
        maxTokens: request.maxTokens,
        temperature: request.temperature,
        seed: request.seed,
        signal: request.signal,
        onTextChunk: request.onText,
      });
      chat.dispose({ disposeSequence: false });
      const after = sequence.tokenMeter.getState();
      return {
        text: response.response,
        finishReason: response.metadata.stopReason === 'maxTokens' ? 'length' : 'stop',
        promptTokens: after.usedInputTokens - before.usedInputTokens,
        completionTokens: after.usedOutputTokens - before.usedOutputTokens,
      };
    } finally {
      sequence.dispose();
    }
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }
}
