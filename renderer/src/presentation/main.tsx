import { mountWindow } from '../shell/mount';
import { PresentationStage } from './PresentationStage';

mountWindow('presentation', <PresentationStage />);
